import { QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { databaseDown, reportDatabaseOutage, watchDatabaseOutages } from './outage';
import { retryDelay, shouldRetry } from './retry';

const unavailable = () =>
  TRPCClientError.from({
    error: { code: -32603, message: 'unavailable', data: { httpStatus: 503, appCode: 'service.unavailable' } },
  });
const conflict = () =>
  TRPCClientError.from({ error: { code: -32603, message: 'merged', data: { httpStatus: 409, appCode: 'cases.merged' } } });

describe('the database outage the banner shows', () => {
  it('begins with the first failed try of a query, lasts while it retries, and ends when it succeeds', async () => {
    reportDatabaseOutage(false);
    const client = new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, retryDelay: () => 10 } } });
    watchDatabaseOutages(client);
    let tries = 0;
    const seen: boolean[] = [];
    const result = client.fetchQuery({
      queryKey: ['cases'],
      queryFn: async () => {
        seen.push(databaseDown());
        tries++;
        if (tries <= 3) throw unavailable();
        return 'ok';
      },
    });
    expect(await result).toBe('ok');
    // Down from the first failure until the fourth try brought the answer.
    expect(seen).toEqual([false, true, true, true]);
    expect(databaseDown()).toBe(false);
  });

  it('begins with a mutation that failed so (mutations are not retried) and ends with one that succeeds', async () => {
    reportDatabaseOutage(false);
    const client = new QueryClient();
    watchDatabaseOutages(client);
    const send = (fail: () => Error | null) =>
      client
        .getMutationCache()
        .build(client, {
          mutationFn: async () => {
            const error = fail();
            if (error) throw error;
            return 'saved';
          },
        })
        .execute(undefined)
        .catch(() => 'failed');
    expect(await send(conflict)).toBe('failed');
    expect(databaseDown()).toBe(false);
    expect(await send(unavailable)).toBe('failed');
    expect(databaseDown()).toBe(true);
    expect(await send(() => null)).toBe('saved');
    expect(databaseDown()).toBe(false);
  });

  it('is not set by a page’s own optimistic update', () => {
    reportDatabaseOutage(true);
    const client = new QueryClient();
    watchDatabaseOutages(client);
    client.setQueryData(['cases'], 'optimistic');
    expect(databaseDown()).toBe(true);
    reportDatabaseOutage(false);
    expect(retryDelay(0, unavailable())).toBe(1000);
  });
});

import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { retryDelay, shouldRetry } from './retry';

const withStatus = (httpStatus: number) =>
  TRPCClientError.from({ error: { code: -32600, message: 'failed', data: { httpStatus } } });

describe('shouldRetry', () => {
  it('does not repeat a request the server refused (4xx): the answer would be the same', () => {
    for (const status of [400, 401, 403, 404, 409, 429]) expect(shouldRetry(0, withStatus(status))).toBe(false);
  });

  it('tries twice more after a server error or a lost connection', () => {
    for (const error of [withStatus(500), withStatus(503), TRPCClientError.from(new TypeError('Failed to fetch'))]) {
      expect([0, 1, 2, 3].map((failures) => shouldRetry(failures, error))).toEqual([true, true, false, false]);
    }
  });

  it('treats other errors like a lost connection', () => {
    expect(shouldRetry(1, new Error('boom'))).toBe(true);
    expect(shouldRetry(2, new Error('boom'))).toBe(false);
  });
});

describe('while the database is away (503 service.unavailable)', () => {
  const unavailable = TRPCClientError.from({
    error: { code: -32603, message: 'unavailable', data: { httpStatus: 503, appCode: 'service.unavailable' } },
  });

  it('keeps trying until it is back, waiting at most 5 s between tries', () => {
    expect([0, 1, 2, 10, 100].map((failures) => shouldRetry(failures, unavailable))).toEqual([true, true, true, true, true]);
    expect([0, 1, 2, 3, 10].map((failures) => retryDelay(failures, unavailable))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('waits as TanStack Query does for other failures', () => {
    expect([0, 1, 4, 5, 10].map((failures) => retryDelay(failures, withStatus(500)))).toEqual([1000, 2000, 16000, 30000, 30000]);
  });
});

import { TRPCClientError } from '@trpc/client';
import { isDatabaseOutage } from './outage';

/**
 * Errors worth retrying are network failures and 5xx; a 4xx answer will not change on retry. At most two retries,
 * except while the database is away (503 `service.unavailable`): then a query keeps trying until it is back, the page
 * keeps what it shows and the banner says why (outage.ts).
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isDatabaseOutage(error)) return true;
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status !== undefined && status < 500) return false;
  }
  return failureCount < 2;
}

/** TanStack Query's own waits (1 s, 2 s, 4 s … at most 30 s), at most 5 s while the database is away: back soon after it. */
export function retryDelay(failureCount: number, error: unknown): number {
  return Math.min(1000 * 2 ** failureCount, isDatabaseOutage(error) ? 5000 : 30_000);
}

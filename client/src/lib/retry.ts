import { TRPCClientError } from '@trpc/client';

/** Errors worth retrying are network failures and 5xx; a 4xx answer will not change on retry. At most two retries. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status !== undefined && status < 500) return false;
  }
  return failureCount < 2;
}

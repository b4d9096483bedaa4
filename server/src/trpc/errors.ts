import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { AppErrorCode, ErrorKind } from '@anliegen/shared';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { DomainError } from '../domain/domain-error.js';

/** The one mapping of the app's failures to tRPC (and so HTTP) status codes. */
const TRPC_CODE: Record<ErrorKind, TRPC_ERROR_CODE_KEY> = {
  invalid: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  rateLimited: 'TOO_MANY_REQUESTS',
  unavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_SERVER_ERROR',
};

/** A domain failure as tRPC answers it; the error keeps it as its cause for the error formatter. */
export function toTrpcError(error: DomainError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.kind], message: error.message, cause: error });
}

/** A failure of the transport itself (session, CSRF, shutdown): no domain behind it, only tRPC's own codes. */
export function appError(code: TRPC_ERROR_CODE_KEY, appCode: AppErrorCode, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new DomainError(appCode, message) });
}

/** The database is not there right now: 503 with `service.unavailable`, which the app retries (client/src/lib/retry.ts). */
export const databaseUnavailable = () =>
  new DomainError('service.unavailable', 'The database is unavailable; nothing was changed, try again shortly');

/** A failure's cause in the app's words: its DomainError, `service.unavailable` for a database outage, else null. */
export function domainCauseOf(cause: unknown): DomainError | null {
  if (cause instanceof DomainError) return cause;
  return isDatabaseUnavailable(cause) ? databaseUnavailable() : null;
}

import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { AppErrorCode } from '@anliegen/shared';

/** Carries the translatable code from a service to the error formatter. */
export class AppErrorCause extends Error {
  constructor(readonly appCode: AppErrorCode) {
    super(appCode);
  }
}

/** An expected failure with a code the client translates; `message` is the English fallback. */
export function appError(code: TRPC_ERROR_CODE_KEY, appCode: AppErrorCode, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new AppErrorCause(appCode) });
}

export const notFound = (what: string) => appError('NOT_FOUND', 'notFound', `${what} not found`);

/** Unique-constraint violations from either driver (SQLite: SQLITE_CONSTRAINT_UNIQUE, PostgreSQL: 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

import { APP_ERROR_CODES, type AppErrorCode } from '@anliegen/shared';
import { TRPCClientError } from '@trpc/client';
import type { EntryKey, Translate } from '../i18n/i18n';

/** The translatable code of a failed request: the server's appCode, or 'network' when there was no answer. */
export function errorCodeOf(error: unknown): AppErrorCode | 'network' {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { appCode?: string } | undefined)?.appCode;
    if (code && (APP_ERROR_CODES as readonly string[]).includes(code)) return code as AppErrorCode;
    // No tRPC error body: the request never reached the API.
    return error.data ? 'internal' : 'network';
  }
  return 'internal';
}

export function errorMessage(error: unknown, t: Translate<EntryKey>): string {
  return t(`errors.${errorCodeOf(error)}`);
}

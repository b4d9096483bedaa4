import { type AppErrorCode, ERROR_KINDS, type ErrorKind } from '@anliegen/shared';

/**
 * An expected failure, in the app's words: a code the client translates and an English fallback message. Services,
 * channels and jobs throw it; each transport maps its kind once (tRPC in trpc/errors.ts, the web form in its routes).
 */
export class DomainError extends Error {
  constructor(
    readonly appCode: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get kind(): ErrorKind {
    return ERROR_KINDS[this.appCode];
  }
}

export const notFound = (what: string) => new DomainError('notFound', `${what} not found`);

import type { Role } from '@anliegen/shared';
import { trpc } from './trpc';

export const meQuery = () => trpc.auth.me.queryOptions();

/** Thrown by a route guard when the signed-in user's role may not open the page. */
export class ForbiddenPageError extends Error {
  constructor() {
    super('forbidden');
  }
}

export function assertRole(role: Role, allowed: readonly Role[]): void {
  if (!allowed.includes(role)) throw new ForbiddenPageError();
}

/**
 * Only same-site paths are followed after login (no open redirect). Browsers drop tabs and newlines from a URL and
 * read a backslash as a slash, so "/\evil.example" would be another site: a path with either is refused too.
 */
export function safeRedirectTarget(target: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  return target?.startsWith('/') && !target.startsWith('//') && !/[\\\u0000-\u001f]/.test(target) ? target : '/';
}

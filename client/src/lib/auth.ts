import type { Role } from '@anliegen/shared';
import type { EntryKey } from '../i18n/i18n';
import { trpc } from './trpc';

export const meQuery = () => trpc.auth.me.queryOptions();

/**
 * Thrown by a route guard when the signed-in user's role may not open the page: the error view answers it with
 * "Kein Zugriff", why (the roles the page is for) and where to go instead. An answer, not a failure: the console stays
 * quiet (`reportCaughtError`).
 */
export class ForbiddenPageError extends Error {
  constructor(
    readonly role: Role,
    readonly allowed: readonly Role[],
  ) {
    super('forbidden');
  }
}

export function assertRole(role: Role, allowed: readonly Role[]): void {
  if (!allowed.includes(role)) throw new ForbiddenPageError(role, allowed);
}

/** Where someone a page refused can go instead: where their role works (issue 16: supervisors to the statistics). */
export function placeOfRole(role: Role): { to: '/statistics' | '/admin/users' | '/cases'; label: EntryKey } {
  switch (role) {
    case 'supervisor':
      return { to: '/statistics', label: 'forbidden.goStatistics' };
    case 'admin':
      return { to: '/admin/users', label: 'forbidden.goAdmin' };
    default:
      return { to: '/cases', label: 'forbidden.goInbox' };
  }
}

/**
 * Only same-site paths are followed after login (no open redirect). Browsers drop tabs and newlines from a URL and
 * read a backslash as a slash, so "/\evil.example" would be another site: a path with either is refused too.
 */
export function safeRedirectTarget(target: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  return target?.startsWith('/') && !target.startsWith('//') && !/[\\\u0000-\u001f]/.test(target) ? target : '/';
}

/**
 * What React does with an error a page's error boundary caught (React logs each one on the console, as its default
 * does in production), except for a page the role may not open: the error view answers that one, and a supervisor
 * who opens /cases sees "Kein Zugriff" with no error on the console (issue 16).
 */
export function reportCaughtError(error: unknown): void {
  if (error instanceof ForbiddenPageError) return;
  console.error(error);
}

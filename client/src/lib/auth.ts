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

/** Only same-site paths are followed after login (no open redirect). */
export function safeRedirectTarget(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') ? target : '/';
}

import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { resolveSession } from '../modules/auth/auth.service.js';
import { tokensEqual } from '../modules/auth/session-token.js';
import type { Context } from '../trpc/context.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { appError, databaseUnavailable, toTrpcError } from '../trpc/errors.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, expressCookieJar, readCookies } from './cookies.js';

/**
 * Requests that are no activity of the user's and leave the session's idle timeout as it is: asking how long the
 * session has left, and the live updates' stream. The browser marks others the same way with BACKGROUND_HEADER when
 * nobody has used keyboard, mouse or touch for a while (presence announcements, refetches after live updates), so an
 * unattended desk is signed out after SESSION_IDLE_MINUTES (client/src/lib/activity.ts).
 */
const NO_ACTIVITY_PATHS = new Set(['auth.session', 'live.events']);
export const BACKGROUND_HEADER = 'x-anliegen-background';

/** Builds the tRPC context of one HTTP request: session from the cookie, CSRF check for every mutation. */
export function createContextFactory(deps: { db: DB; env: Env; log: Logger }) {
  return async ({ req, res, info }: CreateExpressContextOptions): Promise<Context> => {
    const cookies = readCookies(req);
    const jar = expressCookieJar(res, deps.env.cookieSecure);
    const token = cookies[SESSION_COOKIE];
    const activity =
      req.get(BACKGROUND_HEADER) !== '1' &&
      !(info.calls.length > 0 && info.calls.every((call) => NO_ACTIVITY_PATHS.has(call.path)));
    // The database away: 503 service.unavailable (the app retries), never "signed out".
    const resolved = token
      ? await resolveSession(deps, token, { activity }).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? toTrpcError(databaseUnavailable()) : error;
        })
      : null;
    if (token && !resolved) jar.clearSession();

    // tRPC sends mutations as POST. The header must match the cookie (a cross-site page can read neither)
    // and, once logged in, the token stored with the session.
    if (req.method === 'POST') {
      const header = req.get(CSRF_HEADER);
      const expected = resolved ? resolved.session.csrfToken : cookies[CSRF_COOKIE];
      if (!tokensEqual(header, cookies[CSRF_COOKIE]) || !tokensEqual(header, expected)) {
        throw appError('FORBIDDEN', 'auth.csrf', 'Missing or invalid CSRF token; reload the page');
      }
    }
    return {
      db: deps.db,
      env: deps.env,
      log: req.log ?? deps.log,
      ip: req.ip ?? null,
      cookies: jar,
      session: resolved?.session ?? null,
      user: resolved?.user ?? null,
    };
  };
}

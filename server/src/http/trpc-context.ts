import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { resolveSession } from '../modules/auth/auth.service.js';
import { tokensEqual } from '../modules/auth/session-token.js';
import type { Context } from '../trpc/context.js';
import { appError } from '../trpc/errors.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, expressCookieJar, readCookies } from './cookies.js';

/** Builds the tRPC context of one HTTP request: session from the cookie, CSRF check for every mutation. */
export function createContextFactory(deps: { db: DB; env: Env; log: Logger }) {
  return async ({ req, res }: CreateExpressContextOptions): Promise<Context> => {
    const cookies = readCookies(req);
    const jar = expressCookieJar(res, deps.env.cookieSecure);
    const token = cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(deps, token) : null;
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

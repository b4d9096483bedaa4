import { parse } from 'cookie';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'anliegen_session';
/** Readable by the SPA, which echoes it in the x-csrf-token header (double submit, bound to the session). */
export const CSRF_COOKIE = 'anliegen_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** What procedures may do with cookies; tests pass a recording implementation. */
export interface CookieJar {
  setSession(token: string, maxAgeMs: number): void;
  clearSession(): void;
  setCsrf(token: string): void;
}

export function readCookies(req: Request): Record<string, string | undefined> {
  return parse(req.headers.cookie ?? '');
}

export function expressCookieJar(res: Response, secure: boolean): CookieJar {
  return {
    setSession: (token, maxAgeMs) =>
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeMs }),
    clearSession: () => res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' }),
    setCsrf: (token) => res.cookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: 'strict', secure, path: '/' }),
  };
}

import type { RequestHandler } from 'express';
import { newToken } from '../modules/auth/session-token.js';
import { CSRF_COOKIE, expressCookieJar, readCookies } from './cookies.js';

/** Gives every browser a CSRF token before its first mutation (the SPA's first page load sets it). */
export function ensureCsrfCookie(secure: boolean): RequestHandler {
  return (req, res, next) => {
    if (!readCookies(req)[CSRF_COOKIE]) expressCookieJar(res, secure).setCsrf(newToken());
    next();
  };
}

import type { Request, Response } from 'express';
import type { RateLimiter } from '../rate-limiter.js';
import type { Html } from './html.js';
import { chooseLang, PUBLIC_LANGS, type PublicLang } from './public-lang.js';
import { hrefIn, messagePage, type PageContext } from './webform.pages.js';
import type { WebformLang } from './webform.texts.js';

/** The language of a citizen-facing page: the link's ?lang= if it is one of ours, else the browser's, else German. */
export function langOf(req: Request): WebformLang {
  return chooseLang(req.query.lang, req.get('accept-language'));
}

/** What every citizen-facing page needs to know of its request: its language and the same page in every language. */
export function pageContext(req: Request): PageContext {
  const lang = langOf(req);
  const urlIn = (other: PublicLang) => {
    const url = new URL(req.originalUrl, 'http://local');
    url.searchParams.set('lang', other);
    return `${url.pathname}${url.search}`;
  };
  return {
    lang,
    languageUrls: Object.fromEntries(PUBLIC_LANGS.map((other) => [other, urlIn(other)])) as PageContext['languageUrls'],
  };
}

/** The privacy notice: ours (a path) in the page's language, or the town's own address (PRIVACY_NOTICE_URL) as it is. */
export function privacyUrlIn(ctx: PageContext, configured: string): string {
  return configured.startsWith('/') && !configured.includes('?') ? hrefIn(ctx, configured) : configured;
}

/** A citizen-facing page, never cached (it may show a case, and its language may come from Accept-Language). */
export function send(res: Response, status: number, page: Html): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').setHeader('Vary', 'Accept-Language').send(page.value);
}

/** Over the address's limit (WEBFORM_RATE_LIMIT): the page that says so is sent (true); else the request counts and goes on. */
export function overLimit(limiter: RateLimiter, req: Request, res: Response, ctx: PageContext): boolean {
  if (limiter.allow(req.ip ?? 'unknown')) return false;
  send(res, 429, messagePage(ctx, 'errorTitle', 'rateLimited'));
  return true;
}

/**
 * A posted form's text field (urlencoded body), '' when absent or not text. A NUL character is no part of any text a
 * person types, and PostgreSQL text cannot hold one, so it is dropped here, as multipart.ts drops it from the web form.
 */
export function formField(body: unknown, name: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.replaceAll('\u0000', '') : '';
}

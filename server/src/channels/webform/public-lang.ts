import { PUBLIC_LOCALES, type PublicLocale } from '@anliegen/shared';
import Negotiator from 'negotiator';

/**
 * The languages of the citizens' pages (issue 18) and how a request chooses one: the link's `?lang=` first (kept by
 * every link, form and redirect of the pages), else the browser's Accept-Language, else German.
 */
export type PublicLang = PublicLocale;
export const PUBLIC_LANGS: readonly PublicLang[] = PUBLIC_LOCALES;

const RIGHT_TO_LEFT: ReadonlySet<PublicLang> = new Set(['ar']);

export const isPublicLang = (value: unknown): value is PublicLang =>
  typeof value === 'string' && (PUBLIC_LANGS as readonly string[]).includes(value);

/** The page's `<html lang>`: Leichte Sprache is German to browsers, hyphenation and screen readers. */
export const htmlLangOf = (lang: PublicLang): string => (lang === 'de-x-ls' ? 'de' : lang);

export const directionOf = (lang: PublicLang): 'rtl' | 'ltr' => (RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr');

/**
 * The best of our languages for an Accept-Language header, German when none fits or there is none. Negotiator
 * (Express's own, via `accepts`) reads the q-values and matches a regional tag to its language (`tr-TR` → tr, `ar-EG`
 * → ar) and `*` to the first of ours; `q=0` excludes. Leichte Sprache is chosen only when asked for by its tag.
 */
export function negotiateLang(header: string | undefined): PublicLang {
  if (!header) return 'de';
  const [best] = new Negotiator({ headers: { 'accept-language': header } }).languages([...PUBLIC_LANGS]);
  return isPublicLang(best) ? best : 'de';
}

/** `?lang=` when it names one of our languages (any case), else the browser's choice. */
export function chooseLang(query: unknown, acceptLanguage: string | undefined): PublicLang {
  const asked = typeof query === 'string' ? query.toLowerCase() : undefined;
  return isPublicLang(asked) ? asked : negotiateLang(acceptLanguage);
}

import type { Locale } from '@anliegen/shared';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { interpolate, type MessageKey, type Translate } from '../i18n/i18n';
import { dePages } from '../i18n/pages.de';
import { enPages } from '../i18n/pages.en';

/** Every text of a language, the entry's and the pages', as usePageI18n has them once loaded. */
export const TEXTS: Record<Locale, Record<MessageKey, string>> = {
  de: { ...de, ...dePages },
  en: { ...en, ...enPages },
};

/** The app's real translation function for a language, without React (tests only). */
export function translator(locale: Locale): Translate {
  return (key, vars) => interpolate(TEXTS[locale][key], vars);
}

/** Numbers as the app shows them in a language ("1.234" / "1,234"). */
export function numberFormatter(locale: Locale): (n: number) => string {
  const format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB');
  return (n) => format.format(n);
}

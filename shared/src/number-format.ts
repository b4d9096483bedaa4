import { LANGUAGE_TAGS, type Locale } from './domain.js';

/** One Intl.NumberFormat per language (building one costs far more than formatting with it). */
const formats = new Map<Locale, Intl.NumberFormat>();

/**
 * A number for people: "1.234", "12,5" in German, "1,234", "12.5" in English. The client's `formatNumber` and the
 * server's German mails use it; CSV cells for Excel are not for it (csv.ts writes them without thousands separators).
 */
export function formatNumberIn(value: number, locale: Locale): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(LANGUAGE_TAGS[locale]);
    formats.set(locale, format);
  }
  return format.format(value);
}

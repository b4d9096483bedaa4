import type { PublicLang } from '../public-lang.js';

/** The language switch names each language in itself, whatever the page's language (WCAG 3.1.2: marked with lang). */
export const languageNames: Record<PublicLang, string> = {
  de: 'Deutsch',
  'de-x-ls': 'Leichte Sprache',
  en: 'English',
  tr: 'Türkçe',
  ar: 'العربية',
  uk: 'Українська',
  ru: 'Русский',
};

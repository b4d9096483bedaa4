import { use, useMemo } from 'react';
import { de, type EntryKey } from './de';
import { type I18n, interpolate, type MessageKey, type PageKey, textsByLocale, useI18n } from './i18n';
import { dePages } from './pages.de';

/*
 * Imported only by lazily loaded modules: the German page texts come with the first of them, the English ones load
 * when that language is shown. Entry modules use useI18n, whose keys are the entry's only, so tsc stops a page text
 * from being used where it has not been loaded.
 */

const pageTexts = textsByLocale<Record<PageKey, string>>(dePages, {
  en: () => import('./pages.en').then((module) => module.enPages),
});

// A key is in one of the two files, not both: this line stops the build otherwise.
const _noKeyTwice: Record<Extract<PageKey, EntryKey>, never> = {};
void _noKeyTwice;

export function isMessageKey(key: string): key is MessageKey {
  return key in de || key in dePages;
}

/** Every text, the entry's and the pages'; suspends while the page texts of another language than German load. */
export function usePageI18n(): I18n<MessageKey> {
  const i18n = useI18n();
  const found = pageTexts(i18n.locale);
  const pages = found instanceof Promise ? use(found) : found;
  return useMemo(
    () => ({
      ...i18n,
      t: (key, vars) => (key in pages ? interpolate(pages[key as PageKey], vars) : i18n.t(key as EntryKey, vars)),
    }),
    [i18n, pages],
  );
}

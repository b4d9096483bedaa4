import type { PublicLang } from './public-lang.js';
import { arabic } from './texts/ar.texts.js';
import { leichteSprache } from './texts/leichte-sprache.texts.js';
import { russian } from './texts/ru.texts.js';
import { turkish } from './texts/tr.texts.js';
import { ukrainian } from './texts/uk.texts.js';
import { type Translation, webformTexts, type WebformTextKey } from './webform.texts.js';

/**
 * Every language's dictionary of the citizens' pages, one module per language: German and English in
 * webform.texts.ts (where new keys are written first), the others in texts/<language>.texts.ts.
 */
export const publicTexts: Record<PublicLang, Translation> = {
  de: webformTexts.de,
  'de-x-ls': leichteSprache,
  en: webformTexts.en,
  tr: turkish,
  ar: arabic,
  uk: ukrainian,
  ru: russian,
};

/**
 * A text in a language; a key the language does not have yet shows in German. German, not English: it is the source
 * every key is written in first (always complete), the legally binding wording of notices like the privacy text,
 * and the language the town answers in, so a citizen who reads the desk's answers meets the same language.
 */
export function textIn(lang: PublicLang, key: WebformTextKey): string {
  const own = publicTexts[lang][key];
  if (own !== undefined) return own;
  for (const listener of standInListeners) listener(lang, key);
  return webformTexts.de[key];
}

type StandInListener = (lang: PublicLang, key: WebformTextKey) => void;
const standInListeners = new Set<StandInListener>();

/** Hears every German stand-in as a page is rendered (public-languages.test.ts: which page lacks which text). */
export function onGermanStandIn(listener: StandInListener): () => void {
  standInListeners.add(listener);
  return () => standInListeners.delete(listener);
}

/** The keys a language lacks (public-languages.test.ts lists them per language). */
export function missingKeys(lang: PublicLang): WebformTextKey[] {
  return (Object.keys(webformTexts.de) as WebformTextKey[]).filter((key) => !publicTexts[lang][key]?.trim());
}

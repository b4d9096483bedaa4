import { formatBerlin, formatNumberIn, LOCALES, type AppErrorCode, type Locale } from '@anliegen/shared';
import {
  createContext,
  Suspense,
  startTransition,
  use,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { de, type EntryKey } from './de';
import type { PageKey } from './pages.de';

export type { EntryKey, PageKey };
/** Every text's key: the entry chunk's (de.ts) and the lazily loaded pages' (pages.de.ts, usePageI18n). */
export type MessageKey = EntryKey | PageKey;
type Vars = Record<string, string | number>;
export type Translate<Key extends MessageKey = MessageKey> = (key: Key, vars?: Vars) => string;

/**
 * A text with its `{name}` placeholders filled in; `{n:Vorgang|Vorgänge}` says the first form when n is one, else the
 * second (German and English know no other plural forms). A number may come formatted ("1.000" is not one).
 */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)(?::([^{}|]*)\|([^{}]*))?\}/g, (match, name: string, one?: string, other?: string) => {
    const value = vars[name];
    if (value === undefined) return match;
    if (one === undefined) return String(value);
    return String(value) === '1' ? one : (other ?? '');
  });
}

/**
 * One set of texts in every language, each loaded once: German comes with the module that passes it in, the others
 * are fetched when first needed. Gives the texts when they are here, else the one pending load (React's `use` needs
 * the same promise every render).
 */
export function textsByLocale<Texts>(german: Texts, load: Record<Exclude<Locale, 'de'>, () => Promise<Texts>>) {
  const loaded = new Map<Locale, Texts>([['de', german]]);
  const loading = new Map<Locale, Promise<Texts>>();
  return (locale: Locale): Texts | Promise<Texts> => {
    const ready = loaded.get(locale);
    if (ready) return ready;
    let pending = loading.get(locale);
    if (!pending) {
      // Not German, which is there from the start.
      pending = load[locale as Exclude<Locale, 'de'>]().then((texts) => {
        loaded.set(locale, texts);
        return texts;
      });
      loading.set(locale, pending);
    }
    return pending;
  };
}

/** German is the default and ships in the entry chunk; English is fetched when chosen, before anything shows in it. */
const entryTexts = textsByLocale<Record<EntryKey, string>>(de, { en: () => import('./en').then((module) => module.en) });

// Every server error code must have a text: this line stops the build otherwise.
const _everyErrorTranslated: Record<`errors.${AppErrorCode}`, string> = de;
void _everyErrorTranslated;

const STORAGE_KEY = 'anliegen.locale';

function storedLocale(): Locale | null {
  const value = localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : null;
}

export interface I18n<Key extends MessageKey = EntryKey> {
  locale: Locale;
  /** True when the user picked a language on this device (it then wins over the profile's). */
  chosenOnDevice: boolean;
  setLocale: (locale: Locale) => void;
  t: Translate<Key>;
  formatNumber: (value: number) => string;
  /** Date and time in the user's language, in the town hall's time zone. */
  formatDateTime: (epochMs: number) => string;
  formatDate: (epochMs: number) => string;
}

/** The number and date formatters of a language (formats.test.ts checks every one in both). */
export function formatsFor(locale: Locale): Pick<I18n, 'formatNumber' | 'formatDateTime' | 'formatDate'> {
  return {
    formatNumber: (n) => formatNumberIn(n, locale),
    formatDateTime: (epochMs) => formatBerlin(epochMs, locale, 'dateTime'),
    formatDate: (epochMs) => formatBerlin(epochMs, locale, 'date'),
  };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // Nothing shows until the stored language's texts are here (only English loads, and only once).
  return (
    <Suspense fallback={null}>
      <I18nState>{children}</I18nState>
    </Suspense>
  );
}

function I18nState({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? 'de');
  const [chosenOnDevice, setChosen] = useState(() => storedLocale() !== null);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setChosen(true);
    // A transition: the page stays in the old language until the new one's texts have loaded.
    startTransition(() => setLocaleState(next));
  }, []);

  const found = entryTexts(locale);
  const dictionary = found instanceof Promise ? use(found) : found;

  const value = useMemo<I18n>(
    () => ({
      locale,
      chosenOnDevice,
      setLocale,
      t: (key, vars) => interpolate(dictionary[key], vars),
      ...formatsFor(locale),
    }),
    [locale, dictionary, chosenOnDevice, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The entry chunk's texts; a lazily loaded page that shows its own texts uses usePageI18n (page-i18n.ts). */
export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

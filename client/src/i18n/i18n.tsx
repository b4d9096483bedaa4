import { LOCALES, type AppErrorCode, type Locale } from '@anliegen/shared';
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
import { de, type MessageKey } from './de';

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

type Dictionary = Record<MessageKey, string>;

/** German is the default and ships in the entry chunk; English is fetched when chosen, before anything shows in it. */
const loaders: Record<Locale, () => Promise<Dictionary>> = {
  de: () => Promise.resolve(de),
  en: () => import('./en').then((module) => module.en),
};
const loaded: Partial<Record<Locale, Dictionary>> = { de };
const loading = new Map<Locale, Promise<Dictionary>>();

/** The dictionary when it is here; else the one pending load (React's `use` needs the same promise every render). */
function dictionaryOf(locale: Locale): Dictionary | Promise<Dictionary> {
  const ready = loaded[locale];
  if (ready) return ready;
  let pending = loading.get(locale);
  if (!pending) {
    pending = loaders[locale]().then((dictionary) => {
      loaded[locale] = dictionary;
      return dictionary;
    });
    loading.set(locale, pending);
  }
  return pending;
}
// Every server error code must have a text: this line stops the build otherwise.
const _everyErrorTranslated: Record<`errors.${AppErrorCode}`, string> = de;
void _everyErrorTranslated;

export function isMessageKey(key: string): key is MessageKey {
  return key in de;
}

const STORAGE_KEY = 'anliegen.locale';

function storedLocale(): Locale | null {
  const value = localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : null;
}

interface I18n {
  locale: Locale;
  /** True when the user picked a language on this device (it then wins over the profile's). */
  chosenOnDevice: boolean;
  setLocale: (locale: Locale) => void;
  t: Translate;
  formatNumber: (value: number) => string;
  /** Date and time in the user's language, in the town hall's time zone. */
  formatDateTime: (epochMs: number) => string;
  formatDate: (epochMs: number) => string;
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

  const found = dictionaryOf(locale);
  const dictionary = found instanceof Promise ? use(found) : found;

  const value = useMemo<I18n>(() => {
    const tag = locale === 'de' ? 'de-DE' : 'en-GB';
    const numberFormat = new Intl.NumberFormat(tag);
    const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
    const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
    return {
      locale,
      chosenOnDevice,
      setLocale,
      t: (key, vars) => {
        const template = dictionary[key];
        return vars ? template.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match)) : template;
      },
      formatNumber: (n) => numberFormat.format(n),
      formatDateTime: (epochMs) => dateTimeFormat.format(epochMs),
      formatDate: (epochMs) => dateFormat.format(epochMs),
    };
  }, [locale, dictionary, chosenOnDevice, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

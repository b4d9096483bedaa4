import { LOCALES, type AppErrorCode, type Locale } from '@anliegen/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { de, type MessageKey } from './de';
import { en } from './en';

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { de, en };
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
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? 'de');
  const [chosenOnDevice, setChosen] = useState(() => storedLocale() !== null);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setChosen(true);
    setLocaleState(next);
  }, []);

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
        const template = dictionaries[locale][key];
        return vars ? template.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match)) : template;
      },
      formatNumber: (n) => numberFormat.format(n),
      formatDateTime: (epochMs) => dateTimeFormat.format(epochMs),
      formatDate: (epochMs) => dateFormat.format(epochMs),
    };
  }, [locale, chosenOnDevice, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

import { LOCALES, type Locale } from '@anliegen/shared';
import { ActionIcon, NativeSelect, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n';
import { useSaveLocale } from '../../lib/session';

const LANGUAGE_NAMES: Record<Locale, string> = { de: 'Deutsch', en: 'English' };

/** Language switch; when signed in, the choice is also kept in the user's profile. */
export function LanguageSelect({ signedIn }: { signedIn: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const saveLocale = useSaveLocale();
  return (
    <NativeSelect
      aria-label={t('shell.language')}
      size="xs"
      value={locale}
      data={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
      onChange={(event) => {
        const next = event.currentTarget.value as Locale;
        setLocale(next);
        if (signedIn) saveLocale.mutate({ locale: next });
      }}
    />
  );
}

export function ColorSchemeToggle() {
  const { t } = useI18n();
  const { setColorScheme } = useMantineColorScheme();
  const current = useComputedColorScheme('light');
  const next = current === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label={`${t('shell.colorScheme')}: ${t(`shell.colorScheme.${next}`)}`}
      onClick={() => setColorScheme(next)}
    >
      {current === 'dark' ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
    </ActionIcon>
  );
}

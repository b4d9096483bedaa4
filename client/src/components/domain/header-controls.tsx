import { LOCALES, type Locale } from '@anliegen/shared';
import { ActionIcon, Button, Menu, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconChevronDown, IconLanguage, IconMoon, IconSun } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n';
import { useSaveLocale } from '../../lib/session';

export const LANGUAGE_NAMES: Record<Locale, string> = { de: 'Deutsch', en: 'English' };

/**
 * Language switch: a button naming the current language that opens a menu of the languages, each named in itself
 * (`lang`). The language changes only when one is chosen (Enter, Space or a click): the arrow keys move between them
 * and change nothing (WCAG 3.2.2; a native select switched the whole interface, and saved it, on ArrowDown). When
 * signed in, the choice is also kept in the user's profile.
 */
export function LanguageMenu({ signedIn }: { signedIn: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const saveLocale = useSaveLocale();
  return (
    <Menu position="bottom-end" withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          aria-label={`${t('shell.language')}: ${LANGUAGE_NAMES[locale]}`}
          leftSection={<IconLanguage size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          <span lang={locale}>{LANGUAGE_NAMES[locale]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.RadioGroup
          value={locale}
          onChange={(value) => {
            const next = value as Locale;
            setLocale(next);
            if (signedIn) saveLocale.mutate({ locale: next });
          }}
        >
          {LOCALES.map((value) => (
            <Menu.RadioItem key={value} value={value} lang={value}>
              {LANGUAGE_NAMES[value]}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
      </Menu.Dropdown>
    </Menu>
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

import { userSettingsInput } from '@anliegen/shared';
import { Checkbox, Kbd, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { meQuery } from '../../lib/auth';
import { useSaveSettings } from '../../lib/session';
import { FormDialog } from './form-dialog';
import { isCharacterShortcut, SHORTCUTS } from './shortcuts';

/** The keys the setting switches, as the registry has them (j and k once, though they mean two things). */
const CHARACTER_KEYS = [
  ...new Set(
    Object.values(SHORTCUTS)
      .filter(isCharacterShortcut)
      .map((shortcut) => shortcut.key),
  ),
];

/**
 * The user menu's "Einstellungen" (WCAG 2.1.4): whether the single-character keyboard shortcuts act. Stored with the
 * user, so it follows them to every device. Loaded lazily, with its texts (pages.de.ts), by the user menu
 * (header-menus.tsx) and the shortcuts' help when first opened.
 */
export function UserSettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = usePageI18n();
  const me = useSuspenseQuery(meQuery()).data;
  const [characterShortcuts, setValue] = useState(me?.characterShortcuts ?? true);
  const save = useSaveSettings(onClose);
  return (
    <FormDialog
      title={t('settings.title')}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={save.error}
      onSubmit={() => save.mutate(userSettingsInput.parse({ characterShortcuts }))}
      onClose={onClose}
    >
      <Checkbox
        data-autofocus
        checked={characterShortcuts}
        onChange={(event) => setValue(event.currentTarget.checked)}
        label={t('settings.characterShortcuts')}
        description={
          <>
            {t('settings.characterShortcutsKeys')}{' '}
            {CHARACTER_KEYS.map((key, index) => (
              <span key={key}>
                {index > 0 && ' '}
                <Kbd size="xs">{key}</Kbd>
              </span>
            ))}
          </>
        }
      />
      <Text size="sm">{t('settings.characterShortcutsHint')}</Text>
    </FormDialog>
  );
}

import { Button, Group, Kbd, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { Dialog } from './dialog';
import {
  characterShortcutsOn,
  isCharacterShortcut,
  offeredShortcuts,
  SHORTCUT_SCOPES,
  SHORTCUTS,
  type Shortcut,
  type ShortcutId,
  shortcutDescription,
  subscribeOffered,
} from './shortcuts';

const UserSettingsDialog = lazy(() =>
  import('./user-settings-dialog').then((module) => ({ default: module.UserSettingsDialog })),
);

/*
 * The help that `?` (or the user menu's "Tastenkürzel") opens. Loaded only then (the app shell imports it lazily): the
 * inbox's first load stays small.
 */

function Keys({ shortcut }: { shortcut: Shortcut }) {
  const { t } = usePageI18n();
  return shortcut.ctrl ? (
    <>
      <Kbd>{t('shortcuts.key.ctrl')}</Kbd> + <Kbd>{shortcut.key}</Kbd>
    </>
  ) : (
    <Kbd>{shortcut.key}</Kbd>
  );
}

/**
 * The shortcuts of the current page, grouped by where they work, from the registry (a part that loads while the help
 * is open joins the list); whether the single-character ones are on (the user's setting, WCAG 2.1.4) and the way to the settings that change it. While
 * they are off, only the keys that still act are listed.
 */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = usePageI18n();
  const [characterKeys] = useState(characterShortcutsOn);
  const offeredNow = useSyncExternalStore(subscribeOffered, () => offeredShortcuts().join(' '));
  const offered = (offeredNow ? (offeredNow.split(' ') as ShortcutId[]) : []).filter(
    (id) => characterKeys || !isCharacterShortcut(SHORTCUTS[id]),
  );
  // "Einstellungen öffnen": the settings dialog takes the help's place; closing it closes both.
  const [settings, setSettings] = useState(false);
  if (settings) {
    return (
      <Suspense fallback={null}>
        <UserSettingsDialog onClose={onClose} />
      </Suspense>
    );
  }
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} size="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Text size="sm" fw={700} maw="30rem">
            {t(characterKeys ? 'shortcuts.characterKeysOn' : 'shortcuts.characterKeysOff')}
          </Text>
          <Button variant="default" size="xs" onClick={() => setSettings(true)}>
            {t('shortcuts.openSettings')}
          </Button>
        </Group>
        <Text size="sm">{t('shortcuts.intro')}</Text>
        {SHORTCUT_SCOPES.map((scope) => {
          const ids = offered.filter((id) => SHORTCUTS[id].scope === scope);
          if (ids.length === 0) return null;
          return (
            <Table key={scope} captionSide="top" verticalSpacing={4}>
              <Table.Caption style={{ textAlign: 'start', fontWeight: 700, color: 'var(--mantine-color-text)' }}>
                {t(`shortcuts.scope.${scope}`)}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="35%">
                    {t('shortcuts.keyColumn')}
                  </Table.Th>
                  <Table.Th scope="col">{t('shortcuts.actionColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ids.map((id) => (
                  <Table.Tr key={id}>
                    <Table.Td>
                      <Keys shortcut={SHORTCUTS[id]} />
                    </Table.Td>
                    <Table.Td>{t(shortcutDescription(id))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        })}
      </Stack>
    </Dialog>
  );
}

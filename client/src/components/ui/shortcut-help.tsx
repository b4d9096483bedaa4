import { Kbd, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { Dialog } from './dialog';
import { offeredShortcuts, SHORTCUT_SCOPES, SHORTCUTS, type Shortcut, shortcutDescription } from './shortcuts';

/*
 * The help that `?` opens. Loaded only then (the app shell imports it lazily): the inbox's first load stays small.
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

/** The shortcuts of the current page, grouped by where they work, read from the registry as the dialog opens. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = usePageI18n();
  const [offered] = useState(offeredShortcuts);
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} size="lg">
      <Stack gap="lg">
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

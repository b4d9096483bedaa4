import { Button, Drawer, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';

/**
 * The inbox's filters on narrow screens, in a drawer from the side, opened by the "Filter" button. Loaded lazily on
 * the first opening: the inbox's first load does not carry Mantine's Drawer (and its focus trap, scroll lock and
 * transitions). The filters apply as they are chosen; "Fertig" closes it and gives the focus back to the button.
 */
export default function InboxFilterDrawer({
  opened,
  onClose,
  onReset,
  canReset,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  onReset: () => void;
  canReset: boolean;
  children: ReactNode;
}) {
  const { t } = usePageI18n();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      title={t('inbox.filterDrawer.title')}
      position="right"
      size="min(24rem, 100%)"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {children}
      <Group justify="space-between" mt="lg">
        <Button variant="default" onClick={onReset} disabled={!canReset}>
          {t('inbox.filterDrawer.reset')}
        </Button>
        <Button onClick={onClose}>{t('inbox.filterDrawer.done')}</Button>
      </Group>
    </Drawer>
  );
}

import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useNotifications } from '../../lib/notifications';

const NotificationMenu = lazy(() => import('./header-menus').then((module) => ({ default: module.NotificationMenu })));

/** Assignments, mentions and escalations for the signed-in caseworker; new ones arrive live. */
export function NotificationBell() {
  const { t } = useI18n();
  const unread = useNotifications().data?.unread ?? 0;
  const bell = (disabled: boolean) => (
    <ActionIcon variant="default" size="lg" aria-label={t('notifications.label', { n: unread })} disabled={disabled}>
      <IconBell size={18} aria-hidden />
    </ActionIcon>
  );
  return (
    <Indicator label={unread} size={16} disabled={unread === 0} offset={4}>
      <Suspense fallback={bell(true)}>
        <NotificationMenu target={bell(false)} />
      </Suspense>
    </Indicator>
  );
}

import type { Role } from '@anliegen/shared';
import { Menu, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useMarkNotificationsRead, useNotifications } from '../../lib/notifications';
import { CommandPaletteHost } from './command-palette-host';

/*
 * The header's drop-down menus. Mantine's Menu brings floating-ui, so this module loads lazily right after the shell
 * has rendered (notification-bell.tsx, app-shell-layout.tsx): no page waits for it. Each menu gets its button as
 * `target`; until the module is here, the shell shows that button disabled.
 */

/** Assignments, mentions and escalations; choosing one opens its case and marks it read. */
export function NotificationMenu({ target }: { target: ReactElement }) {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const data = useNotifications().data;
  const markRead = useMarkNotificationsRead();
  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];
  return (
    <Menu position="bottom-end" width={360}>
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        {items.length === 0 && <Menu.Item disabled>{t('notifications.none')}</Menu.Item>}
        {items.map((item) => (
          <Menu.Item
            key={item.id}
            onClick={() => {
              if (item.readAt === null) markRead.mutate({ ids: [item.id] });
              // Another team's case (CASE_ACCESS=team) would only answer "not found".
              if (!item.restricted) void navigate({ to: '/cases/$reference', params: { reference: item.caseReference } });
            }}
          >
            <Text size="sm" fw={item.readAt === null ? 700 : 400}>
              {t(`notifications.kind.${item.kind}`, {
                actor: item.actorName ?? t('notifications.system'),
                reference: item.caseReference,
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {item.restricted ? t('history.restricted', { team: item.teamName ?? '' }) : item.caseSubject} ·{' '}
              {formatDateTime(item.createdAt)}
            </Text>
          </Menu.Item>
        ))}
        {unread > 0 && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={() => markRead.mutate({})}>{t('notifications.markAllRead')}</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The signed-in user's role and the way out; with it (mounted once per signed-in page), Ctrl+K's palette. */
export function UserMenu({ target, role, onLogout }: { target: ReactElement; role: Role; onLogout: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <CommandPaletteHost role={role} />
      <Menu position="bottom-end">
        <Menu.Target>{target}</Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t(`roles.${role}`)}</Menu.Label>
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onLogout}>
            {t('shell.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}

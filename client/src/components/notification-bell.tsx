import { ActionIcon, Indicator, Menu, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useI18n } from '../i18n/i18n';
import { queryClient, trpc } from '../lib/trpc';

/** Assignments, mentions and escalations for the signed-in caseworker; new ones arrive live. */
export function NotificationBell() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const data = useQuery(trpc.notifications.list.queryOptions()).data;
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    }),
  );
  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];
  return (
    <Indicator label={unread} size={16} disabled={unread === 0} offset={4}>
      <Menu position="bottom-end" width={360}>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('notifications.label', { n: unread })}>
            <IconBell size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('notifications.title')}</Menu.Label>
          {items.length === 0 && <Menu.Item disabled>{t('notifications.none')}</Menu.Item>}
          {items.map((item) => (
            <Menu.Item
              key={item.id}
              onClick={() => {
                if (item.readAt === null) markRead.mutate({ ids: [item.id] });
                void navigate({ to: '/cases/$reference', params: { reference: item.caseReference } });
              }}
            >
              <Text size="sm" fw={item.readAt === null ? 700 : 400}>
                {t(`notifications.kind.${item.kind}`, {
                  actor: item.actorName ?? t('notifications.system'),
                  reference: item.caseReference,
                })}
              </Text>
              <Text size="xs" c="dimmed">
                {item.caseSubject} · {formatDateTime(item.createdAt)}
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
    </Indicator>
  );
}

import type { CaseStatus } from '@anliegen/shared';
import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';
import { distanceFormatter, dueState } from './due';
import { WholeBadge } from './status-badge';

/**
 * A case's next SLA target: overdue in red, due within SOON_DUE_HOURS in orange, later as plain text; a paused
 * clock (waiting for the citizen) says so. The exact time is in the title and for screen readers. A resolved or
 * closed case has no target left: it says when it was resolved.
 */
export function DueLabel({
  dueAt,
  pausedAt,
  status,
  resolvedAt,
  now = Date.now(),
}: {
  dueAt: number | null;
  pausedAt: number | null;
  status: CaseStatus;
  resolvedAt: number | null;
  now?: number;
}) {
  const { t, locale, formatDate, formatDateTime } = useI18n();
  // Made once per language: long lists render many of these.
  const distance = useMemo(() => distanceFormatter(locale), [locale]);
  const state = dueState(dueAt, pausedAt, now, status);
  if (state === 'done') {
    return (
      <Text size="sm" title={resolvedAt === null ? undefined : formatDateTime(resolvedAt)}>
        {resolvedAt === null ? t(`status.${status}`) : t('sla.resolvedOn', { when: formatDate(resolvedAt) })}
      </Text>
    );
  }
  if (dueAt === null) return <Text size="sm">{t('common.none')}</Text>;
  if (state === 'paused') return <WholeBadge color="gray">{t('sla.paused')}</WholeBadge>;
  const label = `${t('sla.due', { when: formatDateTime(dueAt) })}`;
  if (state === 'overdue') {
    return (
      <WholeBadge color="red" title={label}>
        {t('sla.overdue', { since: distance(dueAt - now) })}
      </WholeBadge>
    );
  }
  return state === 'soon' ? (
    <WholeBadge color="orange" title={label}>
      {distance(dueAt - now)}
    </WholeBadge>
  ) : (
    <Text size="sm" title={label}>
      {distance(dueAt - now)}
    </Text>
  );
}

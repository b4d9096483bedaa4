import { Badge, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';
import { distanceFormatter, dueState } from './due';

/**
 * A case's next SLA target: overdue in red, due within SOON_DUE_HOURS in orange, later as plain text; a paused
 * clock (waiting for the citizen) says so. The exact time is in the title and for screen readers.
 */
export function DueLabel({ dueAt, pausedAt, now = Date.now() }: { dueAt: number | null; pausedAt: number | null; now?: number }) {
  const { t, locale, formatDateTime } = useI18n();
  // Made once per language: long lists render many of these.
  const distance = useMemo(() => distanceFormatter(locale), [locale]);
  if (dueAt === null) return <Text size="sm">{t('common.none')}</Text>;
  const state = dueState(dueAt, pausedAt, now);
  if (state === 'paused') return <Badge color="gray">{t('sla.paused')}</Badge>;
  const label = `${t('sla.due', { when: formatDateTime(dueAt) })}`;
  if (state === 'overdue') {
    return (
      <Badge color="red" title={label}>
        {t('sla.overdue', { since: distance(dueAt - now) })}
      </Badge>
    );
  }
  return state === 'soon' ? (
    <Badge color="orange" title={label}>
      {distance(dueAt - now)}
    </Badge>
  ) : (
    <Text size="sm" title={label}>
      {distance(dueAt - now)}
    </Text>
  );
}

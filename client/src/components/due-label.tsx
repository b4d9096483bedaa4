import { SOON_DUE_HOURS } from '@anliegen/shared';
import { Badge, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';

const HOUR = 3_600_000;

/** "3 Std." / "2 Tage": how far away an instant is, roughly, in the user's language. */
function useDistance() {
  const { locale } = useI18n();
  // Made once per language: long lists render many of these, and a formatter is costly to create.
  const format = useMemo(() => new Intl.RelativeTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { numeric: 'always' }), [locale]);
  return (ms: number) => {
    const hours = ms / HOUR;
    if (Math.abs(hours) < 1) return format.format(Math.round(ms / 60_000), 'minute');
    if (Math.abs(hours) < 48) return format.format(Math.round(hours), 'hour');
    return format.format(Math.round(hours / 24), 'day');
  };
}

/**
 * A case's next SLA target: overdue in red, due within SOON_DUE_HOURS in orange, later as plain text; a paused
 * clock (waiting for the citizen) says so. The exact time is in the title and for screen readers.
 */
export function DueLabel({ dueAt, pausedAt, now = Date.now() }: { dueAt: number | null; pausedAt: number | null; now?: number }) {
  const { t, formatDateTime } = useI18n();
  const distance = useDistance();
  if (dueAt === null) return <Text size="sm">{t('common.none')}</Text>;
  if (pausedAt !== null) return <Badge color="gray">{t('sla.paused')}</Badge>;
  const label = `${t('sla.due', { when: formatDateTime(dueAt) })}`;
  if (dueAt < now) {
    return (
      <Badge color="red" title={label}>
        {t('sla.overdue', { since: distance(dueAt - now) })}
      </Badge>
    );
  }
  const soon = dueAt - now < SOON_DUE_HOURS * HOUR;
  return soon ? (
    <Badge color="orange" title={label}>
      {distance(dueAt - now)}
    </Badge>
  ) : (
    <Text size="sm" title={label}>
      {distance(dueAt - now)}
    </Text>
  );
}

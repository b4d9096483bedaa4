import type { CaseStatus, Priority } from '@anliegen/shared';
import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import classes from './badge.module.css';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'cyan',
  waiting_citizen: 'yellow',
  waiting_internal: 'grape',
  resolved: 'green',
  closed: 'gray',
};

/** Mantine's Badge, but never cut: a text too long for its column wraps (badge.module.css). */
export function WholeBadge(props: BadgeProps & { title?: string; children: ReactNode }) {
  return <Badge {...props} classNames={{ root: classes.whole, label: classes.label }} />;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <WholeBadge color={STATUS_COLORS[status]}>{t(`status.${status}`)}</WholeBadge>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  if (priority === 'normal') return null;
  return (
    <WholeBadge color={priority === 'urgent' ? 'red' : priority === 'high' ? 'orange' : 'gray'}>
      {t(`priority.${priority}`)}
    </WholeBadge>
  );
}

import type { CaseStatus, Priority } from '@anliegen/shared';
import { Badge } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'cyan',
  waiting_citizen: 'yellow',
  waiting_internal: 'grape',
  resolved: 'green',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <Badge color={STATUS_COLORS[status]}>{t(`status.${status}`)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  if (priority === 'normal') return null;
  return (
    <Badge color={priority === 'urgent' ? 'red' : priority === 'high' ? 'orange' : 'gray'}>{t(`priority.${priority}`)}</Badge>
  );
}

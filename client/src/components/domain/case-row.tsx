import { Group, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { AnchorLink } from '../ui/anchor-link';
import { ChannelLabel } from './channel-label';
import { DueLabel } from './due-label';
import { HighlightedText } from '../ui/highlighted-text';
import { PriorityBadge, StatusBadge } from './status-badge';
import { TagChips } from './tag-chips';

type SearchHit = RouterOutputs['search']['run']['cases'][number];
/** A list row; search results add what matched (the subject with marks, an excerpt of the best message). */
export type CaseTableRow = RouterOutputs['cases']['list']['items'][number] &
  Partial<Pick<SearchHit, 'highlightedSubject' | 'match'>>;

/**
 * One case of a CaseTable. Memoised: while the list scrolls, only rows entering the window render, not every row
 * already there, so every callback it gets must be stable.
 */
export const CaseRow = memo(function CaseRow({
  row,
  index,
  selected,
  measure,
  registerLink,
  onSelect,
  checked,
  onCheck,
}: {
  row: CaseTableRow;
  index: number;
  selected: boolean;
  /** The virtualiser's measuring ref: rows differ in height. */
  measure: (element: HTMLTableRowElement | null) => void;
  registerLink: (index: number, element: HTMLAnchorElement | null) => void;
  onSelect: (index: number) => void;
  /** With bulk actions (the inbox): whether the row's box is ticked, and ticking it. */
  checked?: boolean;
  onCheck?: (id: number) => void;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      style={selected ? { background: 'var(--mantine-primary-color-light)' } : undefined}
      aria-selected={selected}
    >
      {onCheck && (
        <td>
          <input
            type="checkbox"
            checked={checked}
            onChange={() => onCheck(row.id)}
            aria-label={t('inbox.select', { reference: row.reference })}
          />
        </td>
      )}
      <td>
        <AnchorLink
          to="/cases/$reference"
          params={{ reference: row.reference }}
          ref={(element: HTMLAnchorElement | null) => registerLink(index, element)}
          onFocus={() => onSelect(index)}
          fw={600}
          // The link colour is below 4.5:1 on the selection's tint; the tint's own text colour passes (theme.ts).
          c={selected ? 'var(--mantine-primary-color-light-color)' : undefined}
        >
          {row.reference}
        </AnchorLink>
      </td>
      <td>
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm">
              <HighlightedText text={row.highlightedSubject ?? row.subject} />
            </Text>
            <PriorityBadge priority={row.priority} />
          </Group>
          <TagChips tags={row.tags} freeLabel={t('inbox.freeTag')} />
          {row.match && (
            <Text size="sm" c="dimmed">
              {t(`channels.${row.match.channel}`)}, {formatDateTime(row.match.occurredAt)}:{' '}
              <HighlightedText text={row.match.snippet} />
            </Text>
          )}
        </Stack>
      </td>
      <td>{row.citizenName}</td>
      <td>
        {/* Waiting for a follow-up date: listed in "all" (and search), not in the working views until the day. Text,
            not a badge, so it wraps in the narrow column instead of being cut off. */}
        <StatusBadge status={row.status} />
        {row.followUpAt !== null && (
          <Text size="xs" mt={4}>
            {t('inbox.followUp', { date: formatDate(row.followUpAt) })}
          </Text>
        )}
      </td>
      <td>
        <ChannelLabel channel={row.originChannel} />
      </td>
      <td>{row.teamName ?? t('common.none')}</td>
      <td>{row.assigneeName ?? t('case.unassigned')}</td>
      <td>
        <DueLabel dueAt={row.nextDueAt} pausedAt={row.slaPausedAt} status={row.status} resolvedAt={row.resolvedAt} />
      </td>
      <td>{formatDateTime(row.updatedAt)}</td>
    </tr>
  );
});

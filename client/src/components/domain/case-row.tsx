import { Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { AnchorLink } from '../ui/anchor-link';
import { ChannelLabel } from './channel-label';
import { DueLabel } from './due-label';
import { HighlightedText } from '../ui/highlighted-text';
import { PriorityBadge, StatusBadge, WholeBadge } from './status-badge';
import { TagChips } from './tag-chips';
import classes from './case-table.module.css';
import { waitingTime } from './waiting-time';

type SearchHit = RouterOutputs['search']['run']['cases'][number];
/** A list row; search results add what matched (the subject with marks, an excerpt of the best message). */
export type CaseTableRow = RouterOutputs['cases']['list']['items'][number] &
  Partial<Pick<SearchHit, 'highlightedSubject' | 'match' | 'found'>>;

/**
 * The table's roles, said explicitly: on narrow screens its parts are laid out as cards (display: block and grid,
 * case-table.module.css), and browsers have forgotten a table's semantics then (Safari did until 16.4). Spread into
 * the elements: the linter takes them for redundant, as they are where the table is shown as a table.
 */
export const TABLE_ROLES = {
  table: { role: 'table' },
  rowgroup: { role: 'rowgroup' },
  row: { role: 'row' },
  columnheader: { role: 'columnheader' },
  cell: { role: 'cell' },
} as const;

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
  const preview = row.lastMessage?.preview;
  const shownPreview = !preview
    ? undefined
    : row.lastMessage?.direction === 'outbound'
      ? `${t('inbox.lastOutbound')} ${preview}`
      : preview;
  const waiting = row.waitingSince === null ? null : waitingTime(row.waitingSince, Date.now());
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      style={selected ? { background: 'var(--mantine-primary-color-light)' } : undefined}
      aria-selected={selected}
      {...TABLE_ROLES.row}
    >
      {onCheck && (
        <td {...TABLE_ROLES.cell} className={classes.tick}>
          <input
            type="checkbox"
            checked={checked}
            onChange={() => onCheck(row.id)}
            aria-label={t('inbox.select', { reference: row.reference })}
          />
        </td>
      )}
      <td {...TABLE_ROLES.cell} className={classes.ref}>
        <AnchorLink
          to="/cases/$reference"
          params={{ reference: row.reference }}
          ref={(element: HTMLAnchorElement | null) => registerLink(index, element)}
          onFocus={() => onSelect(index)}
          fw={600}
          className={classes.reference}
          // The link colour is below 4.5:1 on the selection's tint; the tint's own text colour passes (theme.ts).
          c={selected ? 'var(--mantine-primary-color-light-color)' : undefined}
        >
          {row.reference}
        </AnchorLink>
      </td>
      <td {...TABLE_ROLES.cell} className={classes.subject}>
        <Stack gap={2}>
          <Text size="sm" component="div">
            <span>
              <HighlightedText text={row.highlightedSubject ?? row.subject} />
            </span>{' '}
            <PriorityBadge priority={row.priority} />
            {row.found === 'similar' && (
              // Found by a word like the one typed, not by it: said in words, not only by the marks.
              <WholeBadge color="gray" ml={4}>
                {t('inbox.similarSpelling')}
              </WholeBadge>
            )}
          </Text>
          {row.match ? (
            <Text size="sm" c="dimmed">
              {t(`channels.${row.match.channel}`)}, {formatDateTime(row.match.occurredAt)}:{' '}
              <HighlightedText text={row.match.snippet} />
            </Text>
          ) : (
            preview && (
              // An excerpt by design: the first line of the last message, at most two lines of it here. Its whole
              // text is in the title (and read whole by screen readers), the message on the case page the row opens;
              // `data-excerpt` tells the screens test this cut is meant (WCAG 1.4.12).
              <Text size="sm" c="dimmed" lineClamp={2} className={classes.preview} title={shownPreview} data-excerpt>
                {shownPreview}
              </Text>
            )
          )}
          <TagChips tags={row.tags} freeLabel={t('inbox.freeTag')} />
        </Stack>
      </td>
      <td {...TABLE_ROLES.cell} className={classes.citizen}>
        {row.citizenName}
        <ChannelLabel channel={row.originChannel} size="xs" />
      </td>
      <td {...TABLE_ROLES.cell} className={classes.status}>
        {/* Waiting for a follow-up date: listed in "all" (and search), not in the working views until the day. */}
        <StatusBadge status={row.status} />
        {row.followUpAt !== null && (
          <Text size="xs" mt={4}>
            {t('inbox.followUp', { date: formatDate(row.followUpAt) })}
          </Text>
        )}
      </td>
      <td {...TABLE_ROLES.cell} className={classes.due}>
        <DueLabel dueAt={row.nextDueAt} pausedAt={row.slaPausedAt} status={row.status} resolvedAt={row.resolvedAt} />
        {waiting && (
          <Text size="xs" mt={4} title={formatDateTime(row.waitingSince!)}>
            {t(waiting.key, { n: waiting.n })}
          </Text>
        )}
      </td>
      <td {...TABLE_ROLES.cell} className={classes.wideOnly}>
        {row.assigneeName ?? t('case.unassigned')}
        <Text size="xs" c="dimmed" component="div">
          {row.teamName ?? t('common.none')}
        </Text>
      </td>
      <td {...TABLE_ROLES.cell} className={classes.wideOnly}>
        {formatDateTime(row.updatedAt)}
      </td>
    </tr>
  );
});

import { Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import type { RouterOutputs } from '../lib/api-types';
import { AnchorLink } from './anchor-link';
import { ChannelLabel } from './channel-label';
import { DueLabel } from './due-label';
import { HighlightedText } from './highlighted-text';
import { PriorityBadge, StatusBadge } from './status-badge';
import { useShortcut } from './use-shortcut';

type SearchHit = RouterOutputs['search']['run']['cases'][number];
/** A list row; search results add what matched (the subject with marks, an excerpt of the best message). */
export type CaseTableRow = RouterOutputs['cases']['list']['items'][number] &
  Partial<Pick<SearchHit, 'highlightedSubject' | 'match'>>;

/**
 * Cases as a table (inbox, saved views, search results): j/k move between rows, Enter opens the focused case.
 * Give it a new `key` when the list changes meaning, so the selection starts over.
 */
export function CaseTable({ rows, caption }: { rows: CaseTableRow[]; caption: string }) {
  const { t, formatDateTime } = useI18n();
  const [selected, setSelected] = useState(-1);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const move = useCallback(
    (step: number) => {
      if (rows.length === 0) return;
      const next = Math.min(rows.length - 1, Math.max(0, selected + step));
      setSelected(next);
      links.current[next]?.focus();
    },
    [rows.length, selected],
  );
  useShortcut(
    'j',
    useCallback(() => move(1), [move]),
  );
  useShortcut(
    'k',
    useCallback(() => move(-1), [move]),
  );

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('inbox.reference')}</Table.Th>
            <Table.Th scope="col">{t('inbox.subject')}</Table.Th>
            <Table.Th scope="col">{t('inbox.citizen')}</Table.Th>
            <Table.Th scope="col">{t('inbox.status')}</Table.Th>
            <Table.Th scope="col">{t('inbox.channel')}</Table.Th>
            <Table.Th scope="col">{t('inbox.team')}</Table.Th>
            <Table.Th scope="col">{t('inbox.assignee')}</Table.Th>
            <Table.Th scope="col">{t('inbox.due')}</Table.Th>
            <Table.Th scope="col">{t('inbox.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr
              key={row.id}
              bg={index === selected ? 'var(--mantine-primary-color-light)' : undefined}
              aria-selected={index === selected}
            >
              <Table.Td>
                <AnchorLink
                  to="/cases/$reference"
                  params={{ reference: row.reference }}
                  ref={(element: HTMLAnchorElement | null) => {
                    links.current[index] = element;
                  }}
                  onFocus={() => setSelected(index)}
                  fw={600}
                >
                  {row.reference}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">
                      <HighlightedText text={row.highlightedSubject ?? row.subject} />
                    </Text>
                    <PriorityBadge priority={row.priority} />
                  </Group>
                  {row.match && (
                    <Text size="sm" c="dimmed">
                      {t(`channels.${row.match.channel}`)}, {formatDateTime(row.match.occurredAt)}:{' '}
                      <HighlightedText text={row.match.snippet} />
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{row.citizenName}</Table.Td>
              <Table.Td>
                <StatusBadge status={row.status} />
              </Table.Td>
              <Table.Td>
                <ChannelLabel channel={row.originChannel} />
              </Table.Td>
              <Table.Td>{row.teamName ?? t('common.none')}</Table.Td>
              <Table.Td>{row.assigneeName ?? t('case.unassigned')}</Table.Td>
              <Table.Td>
                <DueLabel dueAt={row.nextDueAt} pausedAt={row.slaPausedAt} />
              </Table.Td>
              <Table.Td>{formatDateTime(row.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

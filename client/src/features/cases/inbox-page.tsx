import { CASE_SORTS, CASE_STATUSES, CASE_VIEWS, CHANNELS, PRIORITIES } from '@anliegen/shared';
import { Button, Group, NativeSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../../components/anchor-link';
import { useCallback, useRef, useState } from 'react';
import { ChannelLabel } from '../../components/channel-label';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { PriorityBadge, StatusBadge } from '../../components/status-badge';
import { useShortcut } from '../../components/use-shortcut';
import { useI18n } from '../../i18n/i18n';
import { trpc } from '../../lib/trpc';
import type { InboxSearch } from '../../routes/cases.route';

const route = getRouteApi('/app/cases/');

/** The agent's inbox: four views, filters and sort kept in the URL, keyset pages, j/k/Enter by keyboard. */
export function InboxPage() {
  const { t, formatDateTime } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const list = useInfiniteQuery(
    trpc.cases.list.infiniteQueryOptions({ ...search, limit: 50 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const [selected, setSelected] = useState(-1);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);

  const setSearch = (changes: Partial<InboxSearch>) => {
    setSelected(-1);
    void navigate({ to: '/cases', search: (previous: InboxSearch) => ({ ...previous, ...changes }) });
  };
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

  const option = (value: string, label: string) => ({ value, label });
  const anyOption = option('', t('common.any'));

  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Stack gap="sm" mb="md">
        <SegmentedControl
          aria-label={t('inbox.views')}
          value={search.view ?? 'mine'}
          onChange={(view) => setSearch({ view: view as InboxSearch['view'] })}
          data={CASE_VIEWS.map((view) => option(view, t(`inbox.view.${view}`)))}
          w="fit-content"
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('inbox.status')}
            value={search.status ?? ''}
            data={[anyOption, ...CASE_STATUSES.map((status) => option(status, t(`status.${status}`)))]}
            onChange={(event) => setSearch({ status: (event.currentTarget.value || undefined) as InboxSearch['status'] })}
          />
          <NativeSelect
            label={t('inbox.channel')}
            value={search.channel ?? ''}
            data={[
              anyOption,
              ...CHANNELS.filter((c) => c !== 'note').map((channel) => option(channel, t(`channels.${channel}`))),
            ]}
            onChange={(event) => setSearch({ channel: (event.currentTarget.value || undefined) as InboxSearch['channel'] })}
          />
          <NativeSelect
            label={t('inbox.team')}
            value={search.teamId ? String(search.teamId) : ''}
            data={[anyOption, ...teams.map((team) => option(String(team.id), team.name))]}
            onChange={(event) => setSearch({ teamId: event.currentTarget.value ? Number(event.currentTarget.value) : undefined })}
          />
          <NativeSelect
            label={t('inbox.priority')}
            value={search.priority ?? ''}
            data={[anyOption, ...PRIORITIES.map((priority) => option(priority, t(`priority.${priority}`)))]}
            onChange={(event) => setSearch({ priority: (event.currentTarget.value || undefined) as InboxSearch['priority'] })}
          />
          <NativeSelect
            label={t('inbox.category')}
            value={search.categoryId ? String(search.categoryId) : ''}
            data={[anyOption, ...categories.map((category) => option(String(category.id), category.name))]}
            onChange={(event) =>
              setSearch({ categoryId: event.currentTarget.value ? Number(event.currentTarget.value) : undefined })
            }
          />
          <NativeSelect
            label={t('inbox.sort')}
            value={search.sort ?? 'updated'}
            data={CASE_SORTS.map((sort) => option(sort, t(`inbox.sort.${sort}`)))}
            onChange={(event) => setSearch({ sort: event.currentTarget.value as InboxSearch['sort'] })}
          />
          <NativeSelect
            label={t('inbox.direction')}
            value={search.order ?? 'desc'}
            data={[option('desc', t('inbox.direction.desc')), option('asc', t('inbox.direction.asc'))]}
            onChange={(event) => setSearch({ order: event.currentTarget.value as InboxSearch['order'] })}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {t('inbox.shortcuts')}
        </Text>
      </Stack>
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table highlightOnHover>
          <caption className="visually-hidden">{t('inbox.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('inbox.reference')}</Table.Th>
              <Table.Th scope="col">{t('inbox.subject')}</Table.Th>
              <Table.Th scope="col">{t('inbox.citizen')}</Table.Th>
              <Table.Th scope="col">{t('inbox.status')}</Table.Th>
              <Table.Th scope="col">{t('inbox.channel')}</Table.Th>
              <Table.Th scope="col">{t('inbox.team')}</Table.Th>
              <Table.Th scope="col">{t('inbox.assignee')}</Table.Th>
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
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{row.subject}</Text>
                    <PriorityBadge priority={row.priority} />
                  </Group>
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
                <Table.Td>{formatDateTime(row.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && rows.length === 0 && <Text my="md">{t('inbox.empty')}</Text>}
      {list.hasNextPage && (
        <Button variant="default" mt="md" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

import {
  BULK_MAX_CASES,
  CASE_SORTS,
  CASE_STATUSES,
  CASE_VIEWS,
  CHANNELS,
  DUE_FILTERS,
  PRIORITIES,
  viewCountLabel,
} from '@anliegen/shared';
import { Group, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { keepListed, selectionState, toggleAll, toggleOne } from '../../components/domain/case-selection';
import { CaseTable } from '../../components/domain/case-table';
import { ErrorAlert } from '../../components/ui/error-alert';
import { PageHeader } from '../../components/ui/page-header';
import { useI18n } from '../../i18n/i18n';
import { trpc } from '../../lib/trpc';
import type { InboxSearch } from '../../routes/cases.route';
import { useInboxCases } from './api/inbox';
import { SavedView, SavedViewLinks } from './saved-views';

const route = getRouteApi('/app/cases/');
/** What to do with the ticked cases: loaded once a case is ticked (the inbox's first load stays small). */
const BulkBar = lazy(() => import('./bulk-bar'));

/**
 * The agent's inbox: four views, filters and sort kept in the URL, keyset pages loaded as the agent scrolls into a
 * virtualised table, j/k/Enter by keyboard; and the agent's saved searches as further views.
 */
export function InboxPage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const savedSearches = useSuspenseQuery(trpc.savedSearches.list.queryOptions()).data;
  const saved = savedSearches.find((view) => view.id === search.saved);
  const { saved: _saved, ...listInput } = search;
  const list = useInboxCases(listInput, { enabled: !saved });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const counts = useQuery(trpc.cases.viewCounts.queryOptions()).data;
  const tags = useQuery(trpc.tags.list.queryOptions()).data?.tags ?? [];
  // Ticked cases for bulk actions; a case no longer listed (moved out of the view, another filter) drops out.
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const ids = useMemo(() => rows.map((row) => row.id), [rows]);
  const selected = keepListed(ticked, ids);
  const [bulkDone, setBulkDone] = useState<number | null>(null);
  const onCheck = useCallback((id: number) => setTicked((current) => toggleOne(current, id)), []);
  const selection = {
    ids: selected,
    state: selectionState(selected, ids, BULK_MAX_CASES),
    onCheck,
    onCheckAll: () => setTicked(toggleAll(selected, ids, BULK_MAX_CASES)),
  };

  const setSearch = (changes: Partial<InboxSearch>) => {
    void navigate({ to: '/cases', search: (previous: InboxSearch) => ({ ...previous, ...changes, saved: undefined }) });
  };

  const option = (value: string, label: string) => ({ value, label });
  const anyOption = option('', t('common.any'));

  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Stack gap="sm" mb="md">
        <SegmentedControl
          aria-label={t('inbox.views')}
          value={saved ? '' : (search.view ?? 'mine')}
          onChange={(view) => setSearch({ view: view as InboxSearch['view'] })}
          data={CASE_VIEWS.map((view) =>
            option(view, counts ? `${t(`inbox.view.${view}`)} (${viewCountLabel(counts[view])})` : t(`inbox.view.${view}`)),
          )}
          w="fit-content"
        />
        <SavedViewLinks views={savedSearches} current={saved?.id} />
        {!saved && (
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
              onChange={(event) =>
                setSearch({ teamId: event.currentTarget.value ? Number(event.currentTarget.value) : undefined })
              }
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
              label={t('inbox.tag')}
              value={search.tagId ? String(search.tagId) : ''}
              data={[anyOption, ...tags.map((tag) => option(String(tag.id), tag.name))]}
              onChange={(event) =>
                setSearch({ tagId: event.currentTarget.value ? Number(event.currentTarget.value) : undefined })
              }
            />
            <NativeSelect
              label={t('inbox.due')}
              value={search.due ?? ''}
              data={[anyOption, ...DUE_FILTERS.map((due) => option(due, t(`inbox.due.${due}`)))]}
              onChange={(event) => setSearch({ due: (event.currentTarget.value || undefined) as InboxSearch['due'] })}
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
        )}
        <Text size="sm" c="dimmed">
          {t('inbox.shortcuts')}
        </Text>
      </Stack>
      {saved ? (
        <SavedView key={saved.id} view={saved} />
      ) : (
        <>
          <ErrorAlert error={list.error} />
          {/* How many are ticked, said as it changes; the bar with the actions comes with the first. */}
          <p role="status" className={selected.size > 0 || bulkDone === null ? 'visually-hidden' : undefined}>
            {selected.size > 0
              ? t('inbox.selected', { n: selected.size })
              : bulkDone !== null && t('inbox.bulkDone', { n: bulkDone })}
          </p>
          {selected.size > 0 && (
            <Suspense fallback={null}>
              <BulkBar
                ids={[...selected]}
                rows={rows}
                tags={tags}
                onDone={(changed) => {
                  setTicked(new Set());
                  setBulkDone(changed ?? null);
                }}
              />
            </Suspense>
          )}
          <CaseTable key={JSON.stringify(listInput)} rows={rows} caption={t('inbox.caption')} pages={list} ticks={selection} />
          {list.isSuccess && rows.length === 0 && <Text my="md">{t('inbox.empty')}</Text>}
        </>
      )}
    </>
  );
}

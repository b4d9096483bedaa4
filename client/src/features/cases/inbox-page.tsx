import { BULK_MAX_CASES, CASE_VIEWS, viewCountLabel } from '@anliegen/shared';
import { Box, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { keepListed, selectionState, toggleAll, toggleOne } from '../../components/domain/case-selection';
import { CaseTable } from '../../components/domain/case-table';
import { ErrorAlert } from '../../components/ui/error-alert';
import { LiveUpdateBar } from '../../components/ui/live-update-bar';
import { onlyNewPages, useHeld, useWorkingIn } from '../../lib/held-updates';
import { PageHeader } from '../../components/ui/page-header';
import { useI18n } from '../../i18n/i18n';
import { trpc } from '../../lib/trpc';
import type { InboxSearch } from '../../routes/cases.route';
import { useInboxCases } from './api/inbox';
import { activeFilterCount, withoutFilters } from './inbox-filter-count';
import classes from './inbox-page.module.css';
import { SavedViewLinks } from './saved-views';

const route = getRouteApi('/app/cases/');
/** What to do with the ticked cases: loaded once a case is ticked (the inbox's first load stays small). */
const BulkBar = lazy(() => import('./bulk-bar'));
/** A saved search shown as the view: loaded when one is opened. */
const SavedView = lazy(() => import('./saved-view'));
/** The filters: loaded right after the list (on wide screens above it, on narrow ones in their drawer). */
const InboxFilters = lazy(() => import('./inbox-filters'));
/** The filter drawer on narrow screens: loaded when first opened. */
const FilterDrawer = lazy(() => import('./inbox-filter-drawer'));

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
  // Ticked cases for bulk actions; a case no longer listed (moved out of the view, another filter) drops out.
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  // Rows never move under the agent's pointer or keyboard focus, nor while cases are ticked (issue 24): a live
  // change of the list waits, the bar at the bottom offers it, and it shows once the agent leaves the list.
  const tableArea = useRef<HTMLDivElement>(null);
  const held = useHeld(list.data, useWorkingIn(tableArea) || ticked.size > 0, JSON.stringify(listInput), onlyNewPages);
  const rows = held.data?.pages.flatMap((page) => page.items) ?? [];
  const counts = useQuery(trpc.cases.viewCounts.queryOptions()).data;
  const tags = useQuery(trpc.tags.list.queryOptions()).data?.tags ?? [];
  const ids = useMemo(() => rows.map((row) => row.id), [rows]);
  const selected = keepListed(ticked, ids);
  const [bulkDone, setBulkDone] = useState<number | null>(null);
  // The filter drawer stays mounted once loaded, so it closes with its transition and gives the focus back.
  const [filterDrawer, setFilterDrawer] = useState<'never' | 'open' | 'closed'>('never');
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

  const activeFilters = activeFilterCount(search);
  const filterProps = { search, onChange: setSearch, teams, categories, tags };

  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Stack gap="sm" mb="md">
        <SegmentedControl
          aria-label={t('inbox.views')}
          value={saved ? '' : (search.view ?? 'mine')}
          onChange={(view) => setSearch({ view: view as InboxSearch['view'] })}
          data={CASE_VIEWS.map((view) => ({
            value: view,
            label: counts ? `${t(`inbox.view.${view}`)} (${viewCountLabel(counts[view])})` : t(`inbox.view.${view}`),
          }))}
          w="fit-content"
          withItemsBorders={false}
          className={classes.views}
          classNames={{ label: classes.viewLabel }}
        />
        <SavedViewLinks views={savedSearches} current={saved?.id} />
        {!saved && (
          <>
            {/* Narrow screens: the filters in a drawer, behind a button that says how many are on. */}
            <Button
              hiddenFrom="md"
              variant={activeFilters > 0 ? 'light' : 'default'}
              w="fit-content"
              aria-haspopup="dialog"
              onClick={() => setFilterDrawer('open')}
            >
              {activeFilters > 0 ? t('inbox.filterCount', { n: activeFilters }) : t('inbox.filter')}
            </Button>
            <Box visibleFrom="md" className={classes.filtersSlot}>
              <Suspense fallback={null}>
                <InboxFilters {...filterProps} />
              </Suspense>
            </Box>
            {filterDrawer !== 'never' && (
              <Suspense fallback={null}>
                <FilterDrawer
                  opened={filterDrawer === 'open'}
                  onClose={() => setFilterDrawer('closed')}
                  onReset={() => setSearch(withoutFilters())}
                  canReset={activeFilters > 0}
                >
                  <InboxFilters {...filterProps} stacked />
                </FilterDrawer>
              </Suspense>
            )}
          </>
        )}
        <Text size="sm" c="dimmed" visibleFrom="md">
          {t('inbox.shortcuts')}
        </Text>
      </Stack>
      {saved ? (
        <Suspense fallback={null}>
          <SavedView key={saved.id} view={saved} />
        </Suspense>
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
          {/* The bar belongs to the list: going there to refresh does not refresh on the way. */}
          <div ref={tableArea}>
            {/* While a change waits, no page loads on its own (it would wait too). */}
            <CaseTable
              key={JSON.stringify(listInput)}
              rows={rows}
              caption={t('inbox.caption')}
              pages={held.waiting ? undefined : list}
              ticks={selection}
            />
            {list.isSuccess && rows.length === 0 && <Text my="md">{t('inbox.empty')}</Text>}
            <LiveUpdateBar>
              {held.waiting && (
                <Group justify="space-between" gap="xs">
                  <Text size="sm">{t('inbox.changed')}</Text>
                  <Button
                    size="compact-sm"
                    onClick={() => {
                      flushSync(() => held.apply());
                      // The button goes with the notice: the focus goes to the list's first case.
                      tableArea.current?.querySelector<HTMLElement>('tbody a')?.focus();
                    }}
                  >
                    {t('inbox.refresh')}
                  </Button>
                </Group>
              )}
            </LiveUpdateBar>
          </div>
        </>
      )}
    </>
  );
}

import { CASE_SORTS, CASE_STATUSES, CASE_VIEWS, CHANNELS, DUE_FILTERS, PRIORITIES } from '@anliegen/shared';
import { Group, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { CaseTable } from '../../components/domain/case-table';
import { ErrorAlert } from '../../components/ui/error-alert';
import { PageHeader } from '../../components/ui/page-header';
import { useI18n } from '../../i18n/i18n';
import { trpc } from '../../lib/trpc';
import type { InboxSearch } from '../../routes/cases.route';
import { useInboxCases } from './api/inbox';
import { SavedView, SavedViewLinks } from './saved-views';

const route = getRouteApi('/app/cases/');

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
          data={CASE_VIEWS.map((view) => option(view, t(`inbox.view.${view}`)))}
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
          <CaseTable key={JSON.stringify(listInput)} rows={rows} caption={t('inbox.caption')} pages={list} />
          {list.isSuccess && rows.length === 0 && <Text my="md">{t('inbox.empty')}</Text>}
        </>
      )}
    </>
  );
}

import { CASE_SORTS, CASE_STATUSES, CHANNELS, DUE_FILTERS, PRIORITIES } from '@anliegen/shared';
import { NativeSelect } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { InboxSearch } from '../../routes/cases.route';
import classes from './inbox-page.module.css';

/**
 * The inbox's filters and its sort (sort and direction as one choice): in a compact grid above the list on wide
 * screens, one below the other in the filter drawer on narrow ones. Loaded lazily, right after the list: the inbox's
 * first load stays small (its place is kept, so nothing moves when they come).
 */
export default function InboxFilters({
  search,
  onChange,
  teams,
  categories,
  tags,
  stacked = false,
}: {
  search: InboxSearch;
  onChange: (changes: Partial<InboxSearch>) => void;
  teams: { id: number; name: string }[];
  categories: { id: number; name: string }[];
  tags: { id: number; name: string }[];
  /** One column (the drawer) instead of a grid of four, or eight on wide screens. */
  stacked?: boolean;
}) {
  const { t } = useI18n();
  const option = (value: string, label: string) => ({ value, label });
  const anyOption = option('', t('common.any'));
  const named = (items: { id: number; name: string }[]) => [
    anyOption,
    ...items.map((item) => option(String(item.id), item.name)),
  ];
  const size = stacked ? 'sm' : 'xs';
  const id = (value: string) => (value ? Number(value) : undefined);
  return (
    <div className={stacked ? classes.stackedFilters : classes.filters}>
      <NativeSelect
        size={size}
        label={t('inbox.status')}
        value={search.status ?? ''}
        data={[anyOption, ...CASE_STATUSES.map((status) => option(status, t(`status.${status}`)))]}
        onChange={(event) => onChange({ status: (event.currentTarget.value || undefined) as InboxSearch['status'] })}
      />
      <NativeSelect
        size={size}
        label={t('inbox.due')}
        value={search.due ?? ''}
        data={[anyOption, ...DUE_FILTERS.map((due) => option(due, t(`inbox.due.${due}`)))]}
        onChange={(event) => onChange({ due: (event.currentTarget.value || undefined) as InboxSearch['due'] })}
      />
      <NativeSelect
        size={size}
        label={t('inbox.team')}
        value={search.teamId ? String(search.teamId) : ''}
        data={named(teams)}
        onChange={(event) => onChange({ teamId: id(event.currentTarget.value) })}
      />
      <NativeSelect
        size={size}
        label={t('inbox.tag')}
        value={search.tagId ? String(search.tagId) : ''}
        data={named(tags)}
        onChange={(event) => onChange({ tagId: id(event.currentTarget.value) })}
      />
      <NativeSelect
        size={size}
        label={t('inbox.category')}
        value={search.categoryId ? String(search.categoryId) : ''}
        data={named(categories)}
        onChange={(event) => onChange({ categoryId: id(event.currentTarget.value) })}
      />
      <NativeSelect
        size={size}
        label={t('inbox.priority')}
        value={search.priority ?? ''}
        data={[anyOption, ...PRIORITIES.map((priority) => option(priority, t(`priority.${priority}`)))]}
        onChange={(event) => onChange({ priority: (event.currentTarget.value || undefined) as InboxSearch['priority'] })}
      />
      <NativeSelect
        size={size}
        label={t('inbox.channel')}
        value={search.channel ?? ''}
        data={[anyOption, ...CHANNELS.filter((c) => c !== 'note').map((channel) => option(channel, t(`channels.${channel}`)))]}
        onChange={(event) => onChange({ channel: (event.currentTarget.value || undefined) as InboxSearch['channel'] })}
      />
      <NativeSelect
        size={size}
        label={t('inbox.sort')}
        value={`${search.sort ?? 'updated'} ${search.order ?? 'desc'}`}
        data={CASE_SORTS.flatMap((sort) =>
          (['desc', 'asc'] as const).map((order) =>
            option(`${sort} ${order}`, `${t(`inbox.sort.${sort}`)} (${t(`inbox.direction.${order}`)})`),
          ),
        )}
        onChange={(event) => {
          const [sort, order] = event.currentTarget.value.split(' ') as [InboxSearch['sort'], InboxSearch['order']];
          onChange({ sort, order });
        }}
      />
    </div>
  );
}

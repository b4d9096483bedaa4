import type { InboxSearch } from '../../routes/cases.route';

/** The inbox's filters (not the view, the sort or a saved search): what "Filter (2 aktiv)" counts. */
const FILTERS = ['status', 'channel', 'teamId', 'priority', 'categoryId', 'tagId', 'due'] as const;

/** How many filters narrow the list. */
export function activeFilterCount(search: InboxSearch): number {
  return FILTERS.filter((name) => search[name] !== undefined).length;
}

/** The search without any filter: the view and the sort stay. */
export function withoutFilters(): Partial<InboxSearch> {
  return Object.fromEntries(FILTERS.map((name) => [name, undefined]));
}

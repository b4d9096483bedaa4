import { describe, expect, it } from 'vitest';
import { activeFilterCount, withoutFilters } from './inbox-filter-count';

describe('the inbox filters’ count', () => {
  it('counts what narrows the list, not the view, the sort or a saved search', () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ view: 'all', sort: 'priority', order: 'asc', saved: 3 })).toBe(0);
    expect(activeFilterCount({ status: 'open', tagId: 4, due: 'overdue', view: 'mine' })).toBe(3);
    expect(
      activeFilterCount({ status: 'open', channel: 'phone', teamId: 1, priority: 'high', categoryId: 2, tagId: 3, due: 'soon' }),
    ).toBe(7);
  });

  it('clears every filter and keeps the view and the sort', () => {
    const search = { view: 'all' as const, sort: 'priority' as const, status: 'open' as const, tagId: 4, due: 'soon' as const };
    const cleared = { ...search, ...withoutFilters() };
    expect(activeFilterCount(cleared)).toBe(0);
    expect(cleared).toMatchObject({ view: 'all', sort: 'priority' });
  });
});

/**
 * The inbox's selection for bulk actions: case ids, kept as a set. Pure functions, so the rules are tested without a
 * browser (case-selection.test.ts): "all" means every loaded row, and a selection keeps only rows still listed.
 */
export type SelectionState = 'none' | 'some' | 'all';

export function toggleOne(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** Every listed row selected: clears them; otherwise selects them all (the first `max`, the bulk action's limit). */
export function toggleAll(selected: ReadonlySet<number>, ids: readonly number[], max: number): Set<number> {
  if (selectionState(selected, ids, max) === 'all') return new Set();
  return new Set(ids.slice(0, max));
}

/** "all" once as many listed rows are selected as may be (every one, or `max` of a longer list). */
export function selectionState(selected: ReadonlySet<number>, ids: readonly number[], max: number): SelectionState {
  const count = ids.filter((id) => selected.has(id)).length;
  if (count === 0) return 'none';
  return count >= Math.min(ids.length, max) ? 'all' : 'some';
}

/** The selected ids still listed (after a refetch, a filter change, a case moved out of the view). */
export function keepListed(selected: ReadonlySet<number>, ids: readonly number[]): ReadonlySet<number> {
  const listed = ids.filter((id) => selected.has(id));
  return listed.length === selected.size ? selected : new Set(listed);
}

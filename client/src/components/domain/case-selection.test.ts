import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepListed, selectionState, toggleAll, toggleOne } from './case-selection';

describe('the inbox selection', () => {
  it('toggles one row on and off', () => {
    const once = toggleOne(new Set(), 7);
    expect([...once]).toEqual([7]);
    expect([...toggleOne(once, 7)]).toEqual([]);
  });

  it('selects every listed row (up to the maximum) and clears them again', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(500), { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (ids, max) => {
        const all = toggleAll(new Set(), ids, max);
        expect(all.size).toBe(Math.min(ids.length, max));
        expect(selectionState(all, ids, max)).toBe(ids.length === 0 ? 'none' : 'all');
        expect(toggleAll(all, ids, max).size).toBe(ids.length === 0 ? Math.min(ids.length, max) : 0);
      }),
    );
  });

  it('says "some" for a partial selection and keeps only rows still listed', () => {
    const selected = new Set([1, 2, 9]);
    expect(selectionState(selected, [1, 2, 3], 200)).toBe('some');
    expect([...keepListed(selected, [2, 3, 1])]).toEqual([2, 1]);
    expect(keepListed(new Set([1]), [1, 2])).toEqual(new Set([1]));
  });
});

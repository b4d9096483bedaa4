import { describe, expect, it } from 'vitest';
import { adjacentCase, listToFollow } from './case-neighbours';

const list = ['A-2026-000005', 'A-2026-000003', 'A-2026-000009'];

describe('adjacentCase', () => {
  it('gives the next and the previous case of the list, in its order', () => {
    expect(adjacentCase(list, 'A-2026-000003', 1)).toBe('A-2026-000009');
    expect(adjacentCase(list, 'A-2026-000003', -1)).toBe('A-2026-000005');
  });

  it('stops at either end', () => {
    expect(adjacentCase(list, 'A-2026-000009', 1)).toBeNull();
    expect(adjacentCase(list, 'A-2026-000005', -1)).toBeNull();
  });

  it('starts at the top for a case that is not in the list: forward to the first, nothing backward', () => {
    expect(adjacentCase(list, 'A-2026-000777', 1)).toBe('A-2026-000005');
    expect(adjacentCase(list, 'A-2026-000777', -1)).toBeNull();
    expect(adjacentCase([], 'A-2026-000777', 1)).toBeNull();
  });
});

describe('listToFollow', () => {
  it('follows the list the case was opened from when it holds the case', () => {
    expect(listToFollow(list, 'A-2026-000003')).toBe('remembered');
  });

  it('falls back to the agent’s own cases otherwise (opened by link, bell or search box)', () => {
    expect(listToFollow(list, 'A-2026-000777')).toBe('mine');
    expect(listToFollow(null, 'A-2026-000003')).toBe('mine');
  });
});

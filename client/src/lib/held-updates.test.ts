import { describe, expect, it } from 'vitest';
import { type HeldInput, type HeldState, nextHeld } from './held-updates';

/** Renders a sequence of inputs the way useHeld does, and returns what each render shows. */
function run<T>(first: T, steps: Omit<HeldInput<T>, 'key'>[]): T[] {
  let state: HeldState<T> = { key: 'case', data: first, own: 'none' };
  return steps.map((input) => {
    const next = nextHeld(state, { ...input, key: 'case' });
    const shown = next.waiting ? state.data : input.live;
    state = next.state;
    return shown;
  });
}

const working = { hold: true };

describe('held updates', () => {
  it('holds someone else’s change while the user works, and shows it when they stop', () => {
    expect(
      run('a', [
        { ...working, live: 'a', mutating: false },
        { ...working, live: 'b', mutating: false },
        { hold: false, live: 'b', mutating: false },
      ]),
    ).toEqual(['a', 'a', 'b']);
  });

  it('shows the user’s own change that lands while their mutation runs', () => {
    expect(
      run('a', [
        { ...working, live: 'a', mutating: true },
        { ...working, live: 'b', mutating: true },
        { ...working, live: 'b', mutating: false },
      ]),
    ).toEqual(['a', 'b', 'b']);
  });

  it('shows the user’s own change that lands after their mutation ended (a live refetch replaced theirs)', () => {
    expect(
      run('a', [
        { ...working, live: 'a', mutating: true },
        { ...working, live: 'a', mutating: false },
        { ...working, live: 'a', mutating: false },
        { ...working, live: 'b', mutating: false },
      ]),
    ).toEqual(['a', 'a', 'a', 'b']);
  });

  it('shows the user’s own change that lands in the same render as the end of their mutation', () => {
    expect(
      run('a', [
        { ...working, live: 'a', mutating: true },
        { ...working, live: 'b', mutating: false },
      ]),
    ).toEqual(['a', 'b']);
  });

  it('holds the next change by someone else once the user’s own change has shown', () => {
    expect(
      run('a', [
        { ...working, live: 'a', mutating: true },
        { ...working, live: 'b', mutating: true },
        { ...working, live: 'b', mutating: false },
        { ...working, live: 'c', mutating: false },
      ]),
    ).toEqual(['a', 'b', 'b', 'b']);
    expect(
      run('a', [
        { ...working, live: 'a', mutating: true },
        { ...working, live: 'b', mutating: false },
        { ...working, live: 'c', mutating: false },
      ]),
    ).toEqual(['a', 'b', 'b']);
  });

  it('shows data that only adds, and a new key, at once', () => {
    let state: HeldState<string> = { key: 'one', data: 'a', own: 'none' };
    const adds = nextHeld(state, {
      live: 'ab',
      hold: true,
      key: 'one',
      mutating: false,
      addsOnly: (shown, live) => live.startsWith(shown),
    });
    expect(adds.waiting).toBe(false);
    state = adds.state;
    const other = nextHeld(state, { live: 'x', hold: true, key: 'two', mutating: false });
    expect(other.waiting).toBe(false);
    expect(other.state.data).toBe('x');
  });

  it('keeps the same state object when nothing changed, so a render does not loop', () => {
    const state: HeldState<string> = { key: 'case', data: 'a', own: 'none' };
    expect(nextHeld(state, { live: 'a', hold: true, key: 'case', mutating: false }).state).toBe(state);
    const held = nextHeld(state, { live: 'b', hold: true, key: 'case', mutating: false });
    expect(held.waiting).toBe(true);
    expect(held.state).toBe(state);
  });
});

import { useIsMutating } from '@tanstack/react-query';
import { useEffect, useState, type RefObject } from 'react';

/*
 * Live updates never move or change what the user is working in (issue 24, WCAG 3.2.2/3.2.5 in spirit): while they
 * work in a view, newer data waits, the view says so (components/ui/live-update-bar.tsx) and shows it when asked.
 */

export interface Held<T> {
  /** What the view shows: the newest data, or the data the user started with while they work. */
  data: T;
  /** Newer data waits. */
  waiting: boolean;
  /** Shows the newest data (or the given data, the answer of a refetch). */
  apply: (data?: T) => void;
}

/**
 * Whether one of the user's own changes is still to show: `running` while their mutation runs (`changed` once data
 * came in meanwhile), `pending` after a mutation during which no data came: the refetch that brings the change was
 * replaced by a live event's refetch (the server announces every change, the user's own too), which lands after the
 * mutation ended. The first data after it is theirs.
 */
type Own = 'none' | 'running' | 'changed' | 'pending';

export interface HeldState<T> {
  key: unknown;
  data: T;
  own: Own;
}

export interface HeldInput<T> {
  live: T;
  hold: boolean;
  key: unknown;
  /** One of the user's mutations runs. */
  mutating: boolean;
  addsOnly?: ((shown: T, live: T) => boolean) | undefined;
}

/** The pure rule behind `useHeld`: what to show, and the state to remember (the same object when nothing changed). */
export function nextHeld<T>(state: HeldState<T>, input: HeldInput<T>): { state: HeldState<T>; waiting: boolean } {
  const { live, hold, key, mutating, addsOnly } = input;
  const changed = state.key === key && state.data !== live;
  // Data may come in for the user's change: while their mutation runs, and after it when none came meanwhile.
  const expecting = mutating || state.own === 'running' || state.own === 'pending';
  const own: Own = mutating
    ? state.own === 'changed' || changed
      ? 'changed'
      : 'running'
    : expecting && !changed
      ? 'pending'
      : 'none';
  const waiting =
    hold && !expecting && changed && state.data !== undefined && live !== undefined && !addsOnly?.(state.data, live);
  if (waiting) return { state: own === state.own ? state : { ...state, own }, waiting };
  if (state.key === key && state.data === live && state.own === own) return { state, waiting };
  return { state: { key, data: live, own }, waiting };
}

/**
 * The data a view shows: `live` unless `hold` (the user works in the view) and it changed since. The user's own
 * changes show at once (their refetch lands while the mutation is still pending, since the mutation hooks await it,
 * or as the first data after it: `Own`), and so does data that only adds (`addsOnly`: the next page of a list). A
 * new `key` (another case, other filters) too.
 */
export function useHeld<T>(live: T, hold: boolean, key?: unknown, addsOnly?: (shown: T, live: T) => boolean): Held<T> {
  const [state, setState] = useState<HeldState<T>>({ key, data: live, own: 'none' });
  const next = nextHeld(state, { live, hold, key, mutating: useIsMutating() > 0, addsOnly });
  // Remembers what is shown (React's pattern for state derived from the previous render).
  if (next.state !== state) setState(next.state);
  return {
    data: next.waiting ? state.data : live,
    waiting: next.waiting,
    apply: (data = live) => setState({ key, data, own: 'none' }),
  };
}

/** Pages of an infinite query that only grew by pages at the end (the user scrolled on): nothing above moved. */
export function onlyNewPages<P>(shown: { pages: P[] } | undefined, live: { pages: P[] } | undefined): boolean {
  if (!shown || !live || live.pages.length <= shown.pages.length) return false;
  return shown.pages.every((page, index) => live.pages[index] === page);
}

/**
 * Whether the user works in the element: the pointer moves over it (from its first real movement there until it
 * leaves; a pointer resting where a new page appeared does not count, so a list left alone on screen stays live), or
 * the focus is in it.
 */
export function useWorkingIn(element: RefObject<HTMLElement | null>): boolean {
  const [working, setWorking] = useState(false);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    let pointer = false;
    let focus = false;
    const update = (event: Event) => {
      if (event.type.startsWith('pointer')) pointer = event.type !== 'pointerleave';
      else focus = event.type === 'focusin' || node.contains((event as FocusEvent).relatedTarget as Node | null);
      setWorking(pointer || focus);
    };
    for (const type of EVENTS) node.addEventListener(type, update);
    return () => {
      for (const type of EVENTS) node.removeEventListener(type, update);
    };
  }, [element]);
  return working;
}

const EVENTS = ['pointermove', 'pointerdown', 'pointerleave', 'focusin', 'focusout'];

import { beforeEach, describe, expect, it } from 'vitest';
import { invalidateCases, invalidateNotifications, invalidatePresence, invalidateSavedSearches } from './invalidate';
import { queryClient, trpc } from './trpc';

/*
 * What each change marks for refetching, on the app's own query client and keys. Nothing here is on screen, so
 * nothing is fetched: a query marked invalid refetches when a page shows it next.
 */

const keys = {
  caseOne: trpc.cases.byReference.queryKey({ reference: 'A-2026-000001' }),
  caseTwo: trpc.cases.byReference.queryKey({ reference: 'A-2026-000002' }),
  panelWithOne: trpc.citizens.panel.queryKey({ id: 10 }),
  panelWithThree: trpc.citizens.panel.queryKey({ id: 30 }),
  searchWithOne: trpc.search.run.infiniteQueryKey({ q: 'Laterne', limit: 25 }),
  searchWithTwo: trpc.search.run.infiniteQueryKey({ q: 'Müll', limit: 25 }),
  inbox: trpc.cases.list.infiniteQueryKey({ view: 'mine', limit: 200 }),
  board: trpc.workload.board.queryKey({ teamId: 1 }),
  teams: trpc.teams.list.queryKey(),
  notifications: trpc.notifications.list.queryKey(),
  savedSearches: trpc.savedSearches.list.queryKey(),
  presenceOne: trpc.live.presence.queryKey({ caseId: 1 }),
  presenceTwo: trpc.live.presence.queryKey({ caseId: 2 }),
};
type Name = keyof typeof keys;

const cases = (...ids: number[]) => ids.map((id) => ({ id }));
const searchPages = (...ids: number[]) => ({ pages: [{ cases: cases(...ids) }], pageParams: [0] });

function seed() {
  const data: Record<Name, unknown> = {
    caseOne: { case: { id: 1 } },
    caseTwo: { case: { id: 2 } },
    panelWithOne: { citizen: { id: 10 }, cases: cases(1, 4) },
    panelWithThree: { citizen: { id: 30 }, cases: cases(3) },
    searchWithOne: searchPages(5, 1),
    searchWithTwo: searchPages(2),
    inbox: { pages: [{ items: [] }], pageParams: [null] },
    board: { members: [], cases: [] },
    teams: [],
    notifications: { unread: 0, items: [] },
    savedSearches: [],
    presenceOne: [],
    presenceTwo: [],
  };
  for (const name of Object.keys(keys) as Name[]) queryClient.setQueryData(keys[name], data[name] as never);
}

const invalidated = () =>
  (Object.keys(keys) as Name[]).filter((name) => queryClient.getQueryState(keys[name])?.isInvalidated).sort();

beforeEach(() => {
  queryClient.clear();
  seed();
});

describe('invalidateCases', () => {
  it('refetches lists and boards always, and the case views, panels and searches that show a changed case', async () => {
    await invalidateCases({ caseIds: [1] });
    expect(invalidated()).toEqual(['board', 'caseOne', 'inbox', 'panelWithOne', 'searchWithOne']);
  });

  it('refetches the panel of a citizen who got a new case, which it cannot show yet', async () => {
    await invalidateCases({ caseIds: [99], citizenIds: [30] });
    expect(invalidated()).toEqual(['board', 'inbox', 'panelWithThree']);
  });

  it('refetches every view of cases when it is not known which changed (a mutation, a reconnect)', async () => {
    await invalidateCases();
    expect(invalidated()).toEqual([
      'board',
      'caseOne',
      'caseTwo',
      'inbox',
      'panelWithOne',
      'panelWithThree',
      'searchWithOne',
      'searchWithTwo',
    ]);
  });

  it('refetches a case view that has no data yet: it cannot tell which case it shows', async () => {
    const loading = trpc.cases.byReference.queryKey({ reference: 'A-2026-000003' });
    queryClient.getQueryCache().build(queryClient, { queryKey: loading });
    await invalidateCases({ caseIds: [1] });
    expect(queryClient.getQueryState(loading)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.caseTwo)?.isInvalidated).toBe(false);
  });
});

describe('the other shared data', () => {
  it('refetches notifications only when they changed', async () => {
    await invalidateNotifications();
    expect(invalidated()).toEqual(['notifications']);
  });

  it('refetches the saved views', async () => {
    await invalidateSavedSearches();
    expect(invalidated()).toEqual(['savedSearches']);
  });

  it('refetches who is on one case', async () => {
    await invalidatePresence(2);
    expect(invalidated()).toEqual(['presenceTwo']);
  });
});

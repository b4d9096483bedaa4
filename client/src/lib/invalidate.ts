import type { RouterOutputs } from './api-types';
import { queryClient, trpc } from './trpc';

/*
 * What to refetch when data that several pages show has changed: after the user's own mutations (the features'
 * api modules) and when the server announces someone else's (live.ts). Keys come from the options proxy.
 */

type CaseDetail = RouterOutputs['cases']['byReference'];
type Panel = RouterOutputs['citizens']['panel'];
type SearchPages = { pages: RouterOutputs['search']['run'][] };

/** The cases the server says changed, and the citizens who got a new case (their panels do not show it yet). */
export interface ChangedCases {
  caseIds: readonly number[];
  citizenIds?: readonly number[] | undefined;
}

/**
 * Refetches what shows these cases (every case when `changed` is left out: a mutation of the user's own, or a
 * reconnect): lists and team boards always (a change can move a case into a view), case views, citizen panels and
 * search results only when they show one of them. Every refetch of personal data is an audited read, so nothing is
 * refetched for nothing. Only queries on screen refetch; the others are marked stale.
 */
export function invalidateCases(changed?: ChangedCases): Promise<void> {
  const ids = changed ? new Set(changed.caseIds) : null;
  const shows = (caseIds: number[]) => ids === null || caseIds.some((id) => ids.has(id));
  /** A query that has no data yet cannot be checked, so it refetches. */
  const refetchIf = <Data>(queryKey: readonly unknown[], showsChange: (data: Data) => boolean) =>
    queryClient.invalidateQueries({
      queryKey,
      predicate: (query) => query.state.data === undefined || showsChange(query.state.data as Data),
    });
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.cases.list.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.cases.viewCounts.pathKey() }),
    // A new free tag (typed on a case, or by a bulk action) joins the list the filter and the pickers offer.
    queryClient.invalidateQueries({ queryKey: trpc.tags.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.workload.pathKey() }),
    refetchIf<CaseDetail>(trpc.cases.byReference.pathKey(), (data) => shows([data.case.id])),
    refetchIf<Panel>(
      trpc.citizens.panel.pathKey(),
      (data) => shows(data.cases.map((c) => c.id)) || (changed?.citizenIds ?? []).includes(data.citizen.id),
    ),
    refetchIf<SearchPages>(trpc.search.run.pathKey(), (data) => shows(data.pages.flatMap((page) => page.cases.map((c) => c.id)))),
  ]).then(() => undefined);
}

/** The signed-in user's notifications (the bell's count and its menu). */
export function invalidateNotifications(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
}

/** Who else is on a case right now. */
export function invalidatePresence(caseId: number): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: trpc.live.presence.queryKey({ caseId }) });
}

/** The user's saved searches: the inbox's further views (created on the search page, deleted in the inbox). */
export function invalidateSavedSearches(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: trpc.savedSearches.list.queryKey() });
}

import { useEffect } from 'react';
import type { RouterOutputs } from './api-types';
import { readCsrfToken } from './csrf';
import { queryClient, trpc, trpcClient } from './trpc';

type CaseDetail = RouterOutputs['cases']['byReference'];

type Panel = RouterOutputs['citizens']['panel'];
type SearchPages = { pages: RouterOutputs['search']['run'][] };

/**
 * Refetches what shows these cases (everything when `changed` is null): lists always (a change can move a case
 * into a view), case views, citizen panels and search results only when they show one of them. Every refetch of
 * personal data is an audited read, so nothing is refetched for nothing.
 */
function refreshCases(changed: ReadonlySet<number> | null, citizensWithNewCases: readonly number[] = []): void {
  const shows = (ids: number[]) => changed === null || ids.some((id) => changed.has(id));
  for (const key of [trpc.cases.list.pathKey(), trpc.workload.pathKey()]) void queryClient.invalidateQueries({ queryKey: key });
  const refetchIf = (queryKey: readonly unknown[], idsOf: (data: never) => number[]) =>
    void queryClient.invalidateQueries({
      queryKey,
      predicate: (query) => query.state.data === undefined || shows(idsOf(query.state.data as never)),
    });
  refetchIf(trpc.cases.byReference.pathKey(), (data: CaseDetail) => [data.case.id]);
  void queryClient.invalidateQueries({
    queryKey: trpc.citizens.panel.pathKey(),
    predicate: (query) => {
      const data = query.state.data as Panel | undefined;
      return !data || shows(data.cases.map((c) => c.id)) || citizensWithNewCases.includes(data.citizen.id);
    },
  });
  refetchIf(trpc.search.run.pathKey(), (data: SearchPages) => data.pages.flatMap((page) => page.cases.map((c) => c.id)));
}

/**
 * Keeps what the browser shows current: the server says which cases changed (or that a notification arrived), and
 * the affected queries refetch through the procedures that check access. Mounted once, in the signed-in frame.
 */
export function useLiveUpdates(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const subscription = trpcClient.live.events.subscribe(undefined, {
      // Whatever changed while the stream was not connected (page start, a network gap) is not announced again.
      onStarted: () => {
        refreshCases(null);
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
      },
      onData: (event) => {
        if (event.kind === 'cases') refreshCases(new Set(event.caseIds), event.citizenIds);
        else if (event.kind === 'presence') {
          void queryClient.invalidateQueries({ queryKey: trpc.live.presence.queryKey({ caseId: event.caseId }) });
        } else void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
      },
    });
    return () => subscription.unsubscribe();
  }, [enabled]);
}

/** Tells the others that this user is on the case (repeated while the page is open), and when they leave. */
export function useAnnouncePresence(caseId: number, state: 'viewing' | 'replying'): void {
  useEffect(() => {
    const announce = () => trpcClient.live.setPresence.mutate({ caseId, state }).catch(() => undefined);
    void announce();
    const timer = setInterval(() => void announce(), 15_000);
    return () => clearInterval(timer);
  }, [caseId, state]);
  // Leaving the page within the app unmounts this; closing the tab or loading another page does not, so the
  // browser also says goodbye on `pagehide`, with a request that outlives the page.
  useEffect(() => {
    const leave = () =>
      void fetch('/trpc/live.setPresence', {
        method: 'POST',
        keepalive: true,
        headers: { 'content-type': 'application/json', 'x-csrf-token': readCsrfToken() },
        body: JSON.stringify({ caseId, state: 'left' }),
      }).catch(() => undefined);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      void trpcClient.live.setPresence.mutate({ caseId, state: 'left' }).catch(() => undefined);
    };
  }, [caseId]);
}

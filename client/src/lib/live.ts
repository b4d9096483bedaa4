import { useEffect } from 'react';
import type { RouterOutputs } from './api-types';
import { readCsrfToken } from './csrf';
import { queryClient, trpc, trpcClient } from './trpc';

type CaseDetail = RouterOutputs['cases']['byReference'];

/** Refetches the lists and case views showing these cases (all of them when `changed` is null). */
function refreshCases(changed: ReadonlySet<number> | null): void {
  for (const key of [
    trpc.cases.list.pathKey(),
    trpc.search.run.pathKey(),
    trpc.citizens.panel.pathKey(),
    trpc.workload.pathKey(),
  ]) {
    void queryClient.invalidateQueries({ queryKey: key });
  }
  void queryClient.invalidateQueries({
    queryKey: trpc.cases.byReference.pathKey(),
    predicate: (query) => {
      const data = query.state.data as CaseDetail | undefined;
      return changed === null || data === undefined || changed.has(data.case.id);
    },
  });
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
        if (event.kind === 'cases') refreshCases(new Set(event.caseIds));
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

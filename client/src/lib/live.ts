import { useEffect } from 'react';
import { readCsrfToken } from './csrf';
import { invalidateCases, invalidateNotifications, invalidatePresence } from './invalidate';
import { trpcClient } from './trpc';

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
        void invalidateCases();
        void invalidateNotifications();
      },
      onData: (event) => {
        if (event.kind === 'cases') void invalidateCases(event);
        else if (event.kind === 'presence') void invalidatePresence(event.caseId);
        else void invalidateNotifications();
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

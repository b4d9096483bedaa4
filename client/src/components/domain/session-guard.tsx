import { useRouter } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { recentlyActive } from '../../lib/activity';
import { takeOverSessionExpiry } from '../../lib/session-events';
import { type SessionStep, type SessionTimes, sessionStep } from '../../lib/session-timing';
import { trpcClient } from '../../lib/trpc';

/** The warning and the sign-in over the page: loaded when first needed. (This module loads right after the shell.) */
const SessionDialog = lazy(() => import('./session-dialog'));

export type SessionState = { kind: 'ok' } | { kind: 'warn'; endsAt: number; final: boolean } | { kind: 'ended' };
/** Tabs of this browser tell each other when one of them extended or signed in again: the others ask the server. */
const CHANNEL = 'anliegen.session';

/**
 * WCAG 2.2.1 Timing adjustable. Asks the server how long the session has left (no activity itself) and, shortly
 * before the end, warns in an alert dialog with "Angemeldet bleiben"; before the hard limit it says that it cannot be
 * extended. When the session has ended (or a request was refused for it), a sign-in dialog opens over the page
 * instead of the login page: everything typed stays, and a refused save can simply be made again.
 */
export function SessionGuard({ userId, email, name }: { userId: number; email: string; name: string }) {
  const router = useRouter();
  const [state, setState] = useState<SessionState>({ kind: 'ok' });
  const look = useRef<(after?: SessionTimes | null) => void>(() => undefined);
  const tabs = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    let timer = 0;
    let stopped = false;
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    tabs.current = channel;
    const show = (step: SessionStep) => {
      window.clearTimeout(timer);
      if (step.kind === 'ended') return setState({ kind: 'ended' });
      if (step.kind === 'wait') {
        setState((current) => (current.kind === 'ended' ? current : { kind: 'ok' }));
        timer = window.setTimeout(() => look.current(), step.ms);
      } else if (step.kind === 'warn') {
        setState((current) =>
          current.kind === 'ended' ? current : { kind: 'warn', endsAt: Date.now() + step.endsInMs, final: step.final },
        );
        // At the end: asks again (another tab may have extended it), which shows the sign-in when it has ended.
        timer = window.setTimeout(() => look.current(), step.endsInMs + 1_000);
      }
    };
    /** Asks the server (or takes the answer of an extension) and shows what follows; a failed request asks again later. */
    look.current = async (after) => {
      window.clearTimeout(timer);
      try {
        const times = after !== undefined ? after : await trpcClient.auth.session.query();
        if (stopped) return;
        let step = sessionStep(times, userId, recentlyActive());
        if (step.kind === 'extend') step = sessionStep(await trpcClient.auth.extend.mutate(), userId, false);
        if (!stopped) show(step);
      } catch {
        if (!stopped) timer = window.setTimeout(() => look.current(), 60_000);
      }
    };
    const onMessage = () => look.current();
    // Timers in a hidden tab may fire late: ask again when it is shown.
    const onVisible = () => document.visibilityState === 'visible' && look.current();
    channel?.addEventListener('message', onMessage);
    document.addEventListener('visibilitychange', onVisible);
    const release = takeOverSessionExpiry(() => show({ kind: 'ended' }));
    // Not with the page's first requests: the answer is needed hours later.
    timer = window.setTimeout(() => look.current(), 5_000);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      release();
      channel?.close();
      tabs.current = null;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [userId]);

  // A channel does not hear its own messages: only the other tabs ask again.
  const tellOtherTabs = () => tabs.current?.postMessage('changed');

  if (state.kind === 'ok') return null;
  return (
    <Suspense fallback={null}>
      <SessionDialog
        state={state}
        email={email}
        name={name}
        onExtend={async () => {
          look.current(await trpcClient.auth.extend.mutate().catch(() => null));
          tellOtherTabs();
        }}
        onDismiss={() => setState({ kind: 'ok' })}
        onSignedIn={() => {
          setState({ kind: 'ok' });
          look.current();
          tellOtherTabs();
          // A page whose loader failed while signed out loads anew (its state stays; the queries refetch:
          // lib/sign-in-again.ts).
          if (router.state.matches.some((match) => match.status === 'error')) void router.invalidate();
        }}
      />
    </Suspense>
  );
}

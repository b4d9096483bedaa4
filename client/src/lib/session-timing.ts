/**
 * How long the session has left, as the server says (`auth.session`, `auth.extend`): durations, since this
 * browser's clock may differ from the server's. `finalMs` is the time to the hard limit, which nothing extends.
 */
export interface SessionTimes {
  userId: number;
  remainingMs: number;
  finalMs: number;
  warningMs: number;
}

export type SessionStep =
  /** The session has ended (or belongs to someone else now): sign in again over the page. */
  | { kind: 'ended' }
  /** Nothing to say yet: look again when the warning would be due. */
  | { kind: 'wait'; ms: number }
  /** The warning is due, but the user has just worked in this tab: stay signed in without asking. */
  | { kind: 'extend' }
  /** Warn: the session ends in `endsInMs`; `final` when that is the hard limit, which cannot be extended. */
  | { kind: 'warn'; endsInMs: number; final: boolean };

/**
 * What the browser does after asking the server (WCAG 2.2.1 Timing adjustable): wait, stay signed in quietly for
 * someone who is working, warn ahead (`warningMs`, at least 20 s), or sign in again. Activity in another tab moves
 * the server's expiry, so the tab asks again before it warns instead of trusting an old answer.
 */
export function sessionStep(times: SessionTimes | null, userId: number, recentlyActive: boolean): SessionStep {
  if (!times || times.userId !== userId || times.remainingMs <= 0) return { kind: 'ended' };
  // Extending would gain less than the warning's time: the hard limit is what comes.
  const final = times.finalMs - times.remainingMs < times.warningMs;
  const untilWarning = times.remainingMs - times.warningMs;
  // A second's slack: a timer set for the warning may fire a little early.
  if (untilWarning > 1_000) return { kind: 'wait', ms: untilWarning };
  if (recentlyActive && !final) return { kind: 'extend' };
  return { kind: 'warn', endsInMs: times.remainingMs, final };
}

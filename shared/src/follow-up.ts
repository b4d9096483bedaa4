import { berlinIsoDay, berlinMidnight } from './berlin-time.js';

/**
 * A follow-up date ("Wiedervorlage am 15.01.2027"): the case leaves the inbox's views until that Berlin calendar day
 * begins, then comes back to its agent (or its team's leads) with a notification. The agent picks a day from
 * tomorrow to a year ahead; the server checks the day against its own clock, the browser with this same rule first.
 */
export const FOLLOW_UP_MAX_DAYS = 365;

const DAY_MS = 86_400_000;
/** Calendar arithmetic on ISO days (UTC has no daylight saving, so a day is always 24 hours there). */
const addDays = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The first and last day a follow-up may be set to at `now`, as ISO days in Berlin. */
export function followUpDayRange(now: number): { first: string; last: string } {
  const today = berlinIsoDay(now);
  return { first: addDays(today, 1), last: addDays(today, FOLLOW_UP_MAX_DAYS) };
}

/** Why a day cannot be a follow-up date at `now`: today or earlier, or more than a year ahead; null when it can. */
export function followUpDayProblem(isoDay: string, now: number): 'notFuture' | 'tooFar' | null {
  const { first, last } = followUpDayRange(now);
  if (isoDay < first) return 'notFuture';
  return isoDay > last ? 'tooFar' : null;
}

/** When a follow-up day begins (midnight in Berlin): the instant stored as `cases.follow_up_at`. */
export const followUpStart = (isoDay: string): number => berlinMidnight(isoDay);

import { berlinIsoDay, followUpDayProblem, formatIsoDay, type Locale } from '@anliegen/shared';
import { isIsoDay } from '../../components/ui/date-text';

/** The Berlin day a follow-up instant (midnight on its day) falls on, as a date field holds it; '' for none. */
export const followUpFieldValue = (followUpAt: number | null): string => (followUpAt === null ? '' : berlinIsoDay(followUpAt));

/**
 * What is wrong with a picked day by the browser's clock, as the key of the server's refusal text (the server checks
 * again by its own clock); undefined when nothing is picked or the day is fine.
 */
export function followUpErrorKey(day: string | null | undefined, now = Date.now()) {
  // No day yet (or typed text that is none, which the date field itself explains).
  if (!day || !isIsoDay(day)) return undefined;
  const problem = followUpDayProblem(day, now);
  if (problem === 'notFuture') return 'errors.cases.followUpNotFuture' as const;
  return problem === 'tooFar' ? ('errors.cases.followUpTooFar' as const) : undefined;
}

/** A picked day for people, with its weekday: "Freitag, 15.01.2027" (said under the date field). */
export const followUpDayText = (isoDay: string, locale: Locale): string =>
  formatIsoDay(isoDay, locale, { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' });

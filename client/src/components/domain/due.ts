import { type CaseStatus, LANGUAGE_TAGS, type Locale, OPEN_CASE_STATUSES, SOON_DUE_HOURS } from '@anliegen/shared';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * Where a case's next SLA target stands: the case is done (resolved or closed: no target is left to meet, though the
 * resolution target stays stored), none, clock paused (waiting for the citizen), overdue, due soon, or later.
 */
export type DueState = 'done' | 'none' | 'paused' | 'overdue' | 'soon' | 'later';

export function dueState(dueAt: number | null, pausedAt: number | null, now: number, status: CaseStatus = 'open'): DueState {
  // Issue 16: closed demo cases keep their resolution target and showed "überfällig (vor 40 Tagen)".
  if (!OPEN_CASE_STATUSES.includes(status)) return 'done';
  if (dueAt === null) return 'none';
  if (pausedAt !== null) return 'paused';
  if (dueAt < now) return 'overdue';
  return dueAt - now < SOON_DUE_HOURS * HOUR_MS ? 'soon' : 'later';
}

/**
 * How far away an instant is, roughly: minutes under an hour, hours under a day, days beyond (issue 16: "vor 48
 * Stunden" read oddly). A value that rounds to a whole next unit is said in it: "in 1 Stunde", not "in 60 Minuten".
 * Negative: past. The unit depends on the distance only, not on which side of now.
 */
export function roughDistance(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  if (minutes < 60) return { value: Math.round(ms / MINUTE_MS), unit: 'minute' };
  if (Math.round(Math.abs(ms) / HOUR_MS) < 24) return { value: Math.round(ms / HOUR_MS), unit: 'hour' };
  return { value: Math.round(ms / (24 * HOUR_MS)), unit: 'day' };
}

/** "in 3 Stunden" / "vor 2 Tagen" ("in 3 hours" / "2 days ago"). Make one per language: a formatter is costly to create. */
export function distanceFormatter(locale: Locale): (ms: number) => string {
  const format = new Intl.RelativeTimeFormat(LANGUAGE_TAGS[locale], { numeric: 'always' });
  return (ms) => {
    const { value, unit } = roughDistance(ms);
    return format.format(value, unit);
  };
}

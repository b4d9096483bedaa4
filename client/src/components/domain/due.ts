import { type Locale, SOON_DUE_HOURS } from '@anliegen/shared';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Where a case's next SLA target stands: none, clock paused (waiting for the citizen), overdue, due soon, or later. */
export type DueState = 'none' | 'paused' | 'overdue' | 'soon' | 'later';

export function dueState(dueAt: number | null, pausedAt: number | null, now: number): DueState {
  if (dueAt === null) return 'none';
  if (pausedAt !== null) return 'paused';
  if (dueAt < now) return 'overdue';
  return dueAt - now < SOON_DUE_HOURS * HOUR_MS ? 'soon' : 'later';
}

/** How far away an instant is, roughly: minutes under an hour, hours under two days, days beyond. Negative: past. */
export function roughDistance(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const hours = ms / HOUR_MS;
  if (Math.abs(hours) < 1) return { value: Math.round(ms / MINUTE_MS), unit: 'minute' };
  if (Math.abs(hours) < 48) return { value: Math.round(hours), unit: 'hour' };
  return { value: Math.round(hours / 24), unit: 'day' };
}

/** "in 3 Stunden" / "vor 2 Tagen" ("in 3 hours" / "2 days ago"). Make one per language: a formatter is costly to create. */
export function distanceFormatter(locale: Locale): (ms: number) => string {
  const format = new Intl.RelativeTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { numeric: 'always' });
  return (ms) => {
    const { value, unit } = roughDistance(ms);
    return format.format(value, unit);
  };
}

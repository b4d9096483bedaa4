import { berlinIsoDay, berlinMidnight, berlinParts, type Instant } from '@anliegen/shared';
import { isoWeekKey } from '../statistics/statistics.service.js';

const DAY_MS = 86_400_000;
const addDays = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface ReportWeek {
  /** Monday and Sunday of the week as ISO days: the report's inclusive range and (Monday) its key. */
  monday: string;
  sunday: string;
  /** The ISO week, "2026-W49" (the week belongs to the year of its Thursday). */
  isoWeek: string;
  /** The week's instants in Berlin: [Monday 00:00, next Monday 00:00), 167 or 169 hours across a clock change. */
  start: number;
  end: number;
}

/** The calendar week (Monday to Sunday, Berlin time) before the one an instant falls in: the weekly report's week. */
export function lastCalendarWeek(instant: Instant): ReportWeek {
  const today = berlinIsoDay(instant);
  const thisMonday = addDays(today, 1 - berlinParts(instant).weekday);
  const monday = addDays(thisMonday, -7);
  return {
    monday,
    sunday: addDays(thisMonday, -1),
    isoWeek: isoWeekKey(monday),
    start: berlinMidnight(monday),
    end: berlinMidnight(thisMonday),
  };
}

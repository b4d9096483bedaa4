import { berlinMidnight, type StatGrouping } from '@anliegen/shared';
import { type RawBuilder, sql } from 'kysely';

/**
 * The dashboard's calendar: Berlin days, ISO weeks and months of an inclusive range of days. The days' boundaries
 * (midnight in Berlin, daylight saving included) are worked out here and given to the database as a VALUES table,
 * so both databases bucket alike without time-zone support of their own.
 */

const DAY_MS = 86_400_000;

const nextDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** "2026-W10": the ISO week (Monday first; the week belongs to the year of its Thursday). */
export function isoWeekKey(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const year = date.getUTCFullYear();
  const week = Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodKey(isoDay: string, groupBy: StatGrouping): string {
  return groupBy === 'day' ? isoDay : groupBy === 'week' ? isoWeekKey(isoDay) : isoDay.slice(0, 7);
}

export interface PeriodPlan {
  /** The range as instants: [start of the first day, start of the day after the last). */
  start: number;
  end: number;
  /** Period keys in order. */
  periods: string[];
  /** For each day of the range (0 = first): the index of its period. */
  periodOfDay: number[];
  /** The range's days as SQL VALUES rows (day, start, end): [start, end) in instants. */
  dayRows(): RawBuilder<unknown>;
  /** A period's instants [start, end), cut by the range as its figures are; undefined for a key not in the range. */
  periodRange(period: string): { start: number; end: number } | undefined;
}

export function planPeriods(from: string, to: string, groupBy: StatGrouping): PeriodPlan {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  const midnights = [...days, nextDay(to)].map(berlinMidnight);
  const periods: string[] = [];
  const periodOfDay: number[] = [];
  days.forEach((day) => {
    const key = periodKey(day, groupBy);
    if (periods[periods.length - 1] !== key) periods.push(key);
    periodOfDay.push(periods.length - 1);
  });

  // Literals, not parameters: computed here, never input, and typed as integers by both databases.
  const dayRows = () =>
    sql`values ${sql.join(days.map((_, index) => sql`(${sql.lit(index)}, ${sql.lit(midnights[index]!)}, ${sql.lit(midnights[index + 1]!)})`))}`;
  const periodRange = (period: string) => {
    const index = periods.indexOf(period);
    if (index < 0) return undefined;
    const first = periodOfDay.indexOf(index);
    const last = periodOfDay.lastIndexOf(index);
    return { start: midnights[first]!, end: midnights[last + 1]! };
  };
  return { start: midnights[0]!, end: midnights[days.length]!, periods, periodOfDay, dayRows, periodRange };
}

import { getHolidays } from 'feiertagejs';
import { z } from 'zod';
import { berlinWallTime, instantOfBerlinWallTime } from './berlin-time.js';

/**
 * The SLA clock: deadlines and elapsed time counted in business hours, on the wall clock of the administration
 * (Europe/Berlin, with its daylight saving changes), with the Bundesland's public holidays closed all day.
 */

export const BUNDESLAENDER = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HE',
  'HH',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;
export const bundeslandSchema = z.enum(BUNDESLAENDER);
export type Bundesland = z.infer<typeof bundeslandSchema>;

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Weekday = (typeof WEEKDAYS)[number];

const timeSchema = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'hours.invalid' });

/** "HH:MM" → minutes after midnight. */
function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

const dayHoursSchema = z.array(z.tuple([timeSchema, timeSchema])).superRefine((intervals, ctx) => {
  intervals.forEach(([from, to], index) => {
    if (toMinutes(from) >= toMinutes(to)) ctx.addIssue({ code: 'custom', message: 'hours.order', path: [index] });
    const previous = intervals[index - 1];
    // Touching intervals (12:00–13:00, 13:00–14:00) are fine; overlapping or unsorted ones are a typo.
    if (previous && toMinutes(previous[1]) > toMinutes(from)) {
      ctx.addIssue({ code: 'custom', message: 'hours.overlap', path: [index] });
    }
  });
});

/**
 * Opening hours per ISO weekday (1 = Monday … 7 = Sunday): a list of [from, to] wall-clock times "HH:MM", sorted,
 * not overlapping, from < to. Missing day = closed (hence a partial record: zod's record over an enum wants every key).
 */
export const businessHoursSchema = z.partialRecord(z.enum(WEEKDAYS), dayHoursSchema);
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const OFFICE_DAY: Array<[string, string]> = [['08:00', '16:00']];
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  1: OFFICE_DAY,
  2: OFFICE_DAY,
  3: OFFICE_DAY,
  4: OFFICE_DAY,
  5: OFFICE_DAY,
};

export interface ServiceCalendar {
  hours: BusinessHours;
  bundesland: Bundesland;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A calendar without a single opening in this many days has none: stop instead of looping forever. */
const MAX_CLOSED_DAYS = 3 * 366;

/** Moved to berlin-time.ts; still exported from here for existing imports. */
export { berlinDayRange, berlinMidnight } from './berlin-time.js';

/** The Berlin calendar day of an instant, as days since 1970-01-01. */
function berlinDay(ms: number): number {
  return Math.floor(berlinWallTime(ms) / DAY_MS);
}

const holidayCache = new Map<string, Set<number>>();

/**
 * A year's public holidays in the Bundesland as Berlin days. feiertagejs itself compares dates by their calendar day
 * in Berlin (its holiday dates are noon UTC), so reading them with berlinDay matches its isHoliday whatever TZ says.
 */
function holidaysOf(bundesland: Bundesland, year: number): Set<number> {
  const key = `${bundesland}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    days = new Set(getHolidays(year, bundesland).map((holiday) => berlinDay(holiday.date.getTime())));
    holidayCache.set(key, days);
  }
  return days;
}

/** True when the calendar day (in Berlin) of `ms` is a public holiday in the Bundesland. */
export function isPublicHoliday(ms: number, bundesland: Bundesland): boolean {
  const day = berlinDay(ms);
  return holidaysOf(bundesland, new Date(day * DAY_MS).getUTCFullYear()).has(day);
}

/** The opening intervals [open, close) of a Berlin day as instants; none on a public holiday. */
function openingsOn(day: number, calendar: ServiceCalendar): Array<[number, number]> {
  const midnight = new Date(day * DAY_MS);
  const intervals = calendar.hours[String(midnight.getUTCDay() || 7) as Weekday] ?? [];
  if (intervals.length === 0 || holidaysOf(calendar.bundesland, midnight.getUTCFullYear()).has(day)) return [];
  const at = (time: string) => instantOfBerlinWallTime(midnight.getTime() + toMinutes(time) * MINUTE_MS);
  return intervals.map(([from, to]) => [at(from), at(to)]);
}

/**
 * The instant (epoch ms) when `minutes` business minutes have passed after `startMs`. A start outside business hours
 * counts from the next opening. 0 minutes → the start itself if it is inside business hours, else the next opening.
 */
export function addBusinessMinutes(startMs: number, minutes: number, calendar: ServiceCalendar): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`invalid business minutes: ${minutes}`);
  let remaining = minutes * MINUTE_MS;
  let closedDays = 0;
  for (let day = berlinDay(startMs); closedDays <= MAX_CLOSED_DAYS; day++) {
    const openings = openingsOn(day, calendar);
    closedDays = openings.length === 0 ? closedDays + 1 : 0;
    for (const [open, close] of openings) {
      if (close <= startMs) continue; // closing time itself is already closed
      const from = Math.max(open, startMs);
      if (from + remaining <= close) return from + remaining;
      remaining -= close - from;
    }
  }
  throw new Error('calendar has no business hours');
}

/** Business minutes between two instants (0 when to <= from); fractional minutes allowed. */
export function businessMinutesBetween(fromMs: number, toMs: number, calendar: ServiceCalendar): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (let day = berlinDay(fromMs), last = berlinDay(toMs); day <= last; day++) {
    for (const [open, close] of openingsOn(day, calendar)) {
      total += Math.max(0, Math.min(close, toMs) - Math.max(open, fromMs));
    }
  }
  return total / MINUTE_MS;
}

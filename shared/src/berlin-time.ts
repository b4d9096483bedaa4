import { PUBLIC_LANGUAGE_TAGS, type PublicLocale } from './domain.js';

/**
 * The one place that knows the administration's clock (Europe/Berlin, daylight saving included). Server, client and
 * seed read years, days and times through here, never in the host's time zone: a UTC server's `getFullYear()` still
 * says the old year for the first hour of 1 January in Berlin. server/src/conventions.test.ts keeps it the only place.
 */

const ZONE = 'Europe/Berlin';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** An instant as epoch milliseconds or a Date. */
export type Instant = number | Date;

const msOf = (instant: Instant) => (typeof instant === 'number' ? instant : instant.getTime());

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Offsets by UTC hour: clocks change on the full hour, so one lookup per hour is exact (and Intl is slow). */
const offsetCache = new Map<number, number>();

/** Berlin's offset from UTC at an instant, in ms. */
function berlinOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const cached = offsetCache.get(hour);
  if (cached !== undefined) return cached;
  const whole = hour * HOUR_MS;
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const { type, value } of offsetFormat.formatToParts(whole)) part[type] = Number(value);
  const offset = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!) - whole;
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(hour, offset);
  return offset;
}

/** The Berlin wall-clock time of an instant as if it were UTC ("wall ms"): its UTC getters read Berlin's clock. */
export function berlinWallTime(instant: Instant): number {
  const ms = msOf(instant);
  return ms + berlinOffset(ms);
}

/**
 * The instant of a Berlin wall-clock time given as wall ms. Correcting the guess once settles on the right side of a
 * daylight saving change; a time in the spring gap comes out an hour later, one in the autumn's double hour as CEST.
 */
export function instantOfBerlinWallTime(wall: number): number {
  return wall - berlinOffset(wall - berlinOffset(wall));
}

export interface BerlinParts {
  year: number;
  /** 1 = January. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** What a clock and calendar in Berlin showed at an instant. */
export function berlinParts(instant: Instant): BerlinParts {
  const wall = new Date(berlinWallTime(instant));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay() || 7,
  };
}

/** The calendar year in Berlin (a case's reference year). */
export function berlinYear(instant: Instant): number {
  return new Date(berlinWallTime(instant)).getUTCFullYear();
}

/** The calendar day in Berlin as an ISO day, "2026-03-01". */
export function berlinIsoDay(instant: Instant): string {
  return new Date(berlinWallTime(instant)).toISOString().slice(0, 10);
}

/** Berlin wall-clock time as "2026-03-01 14:05:09" (sortable; the audit CSV's format). */
export function berlinDateTimeText(instant: Instant): string {
  return new Date(berlinWallTime(instant)).toISOString().slice(0, 19).replace('T', ' ');
}

/** Midnight at the start of a calendar day (YYYY-MM-DD) in Berlin, as epoch milliseconds. */
export function berlinMidnight(isoDay: string): number {
  return instantOfBerlinWallTime(Date.parse(`${isoDay}T00:00:00Z`));
}

/** Inclusive first and last days as a half-open range of instants: [start of first day, start of the day after last). */
export function berlinDayRange(firstDay?: string, lastDay?: string): { start?: number; end?: number } {
  const dayAfter = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return {
    ...(firstDay && { start: berlinMidnight(firstDay) }),
    ...(lastDay && { end: berlinMidnight(dayAfter(lastDay)) }),
  };
}

/** Building an Intl.DateTimeFormat costs far more than formatting with it: one per locale and options. */
const formatCache = new Map<string, Intl.DateTimeFormat>();

/** The app's languages (Locale) and the citizens' pages' ones (PublicLocale, which includes them). */
function cachedFormat(locale: PublicLocale, options: Intl.DateTimeFormatOptions, name = JSON.stringify(options)) {
  const key = `${locale}:${name}`;
  let format = formatCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(PUBLIC_LANGUAGE_TAGS[locale], options);
    formatCache.set(key, format);
  }
  return format;
}

const BERLIN_STYLES = {
  date: { dateStyle: 'medium', timeZone: ZONE },
  dateTime: { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type BerlinFormatStyle = keyof typeof BERLIN_STYLES;

/** Leichte Sprache writes the month as a word ("1. März 2026"), never as a number (its rules on dates). */
const WORDED_STYLES = {
  date: { dateStyle: 'long', timeZone: ZONE },
  dateTime: { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE },
} satisfies Record<BerlinFormatStyle, Intl.DateTimeFormatOptions>;

/** An instant for people, in Berlin time: "01.03.2026, 14:05" / "1 Mar 2026, 14:05"; 'date' without the time. */
export function formatBerlin(instant: Instant, locale: PublicLocale, style: BerlinFormatStyle): string {
  const options = locale === 'de-x-ls' ? WORDED_STYLES[style] : BERLIN_STYLES[style];
  return cachedFormat(locale, options, `berlin:${style}`).format(msOf(instant));
}

/**
 * A calendar day ("2026-03-31") or month ("2026-03", read as its first day) for people, e.g. "31.03.2026" with the
 * default `{ dateStyle: 'medium' }`. It is a date, not an instant: formatted in UTC so no time zone can move it to
 * another day. Text that is no such day comes back unchanged.
 */
export function formatIsoDay(
  isoDay: string,
  locale: PublicLocale,
  options: Omit<Intl.DateTimeFormatOptions, 'timeZone'> = { dateStyle: 'medium' },
): string {
  const time = Date.parse(`${/^\d{4}-\d{2}$/.test(isoDay) ? `${isoDay}-01` : isoDay}T00:00:00Z`);
  return Number.isNaN(time) ? isoDay : cachedFormat(locale, { ...options, timeZone: 'UTC' }).format(time);
}

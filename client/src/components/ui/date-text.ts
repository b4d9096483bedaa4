import { formatIsoDay, type Locale } from '@anliegen/shared';

/*
 * What a date field shows and reads (date-field.tsx). The value is an ISO day ("2026-03-15"), as the server takes it;
 * the text is the day as people write it: "15.03.2026" in German, "15/03/2026" in English (the app's English is
 * British, day first). Both languages read the same texts: day, month and four-digit year separated by ".", "/" or "-"
 * ("1.3.2026", "01.03.2026", "1/3/2026"), eight digits ("01032026") and the ISO day itself.
 */

/** The years a date field accepts: birth dates, follow-ups and report periods all fall in them. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

export type DayReading =
  | { kind: 'empty' }
  | { kind: 'day'; day: string }
  /** Reads as a date, but the calendar has no such day (31.02.2026) or the year is outside 1900–2100. */
  | { kind: 'impossible' }
  /** Does not read as a date at all ("15.3.", "morgen"). */
  | { kind: 'unreadable' };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The ISO day of a year, month and day if the calendar has it (and the year is one a field accepts), else null. */
export function isoDayOf(year: number, month: number, day: number): string | null {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February over into March: a real day comes back as itself.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** True for an ISO day the calendar has ("2026-02-28", not "2026-02-30" nor "15.03.2026"). */
export function isIsoDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && isoDayOf(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}

const DAY_FIRST = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$/;
const DIGITS_ONLY = /^(\d{2})(\d{2})(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** What a typed text means as a day (see the top of this file for what reads). */
export function readDayText(text: string): DayReading {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  let parts: [number, number, number] | null = null;
  const dayFirst = DAY_FIRST.exec(trimmed) ?? DIGITS_ONLY.exec(trimmed);
  if (dayFirst) parts = [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])];
  const iso = ISO.exec(trimmed);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  if (!parts) return { kind: 'unreadable' };
  const day = isoDayOf(...parts);
  return day ? { kind: 'day', day } : { kind: 'impossible' };
}

const FIELD_FORMAT = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;

/** An ISO day as the field shows it: "15.03.2026" (German), "15/03/2026" (English); other text unchanged. */
export function dayFieldText(value: string, locale: Locale): string {
  return isIsoDay(value) ? formatIsoDay(value, locale, FIELD_FORMAT) : value;
}

/** How the field's format is written for people, as its placeholder: "TT.MM.JJJJ" / "DD/MM/YYYY". */
export const DAY_FIELD_PATTERN: Record<Locale, string> = { de: 'TT.MM.JJJJ', en: 'DD/MM/YYYY' };

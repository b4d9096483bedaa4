import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  berlinDateTimeText,
  berlinDayRange,
  berlinIsoDay,
  berlinMidnight,
  berlinParts,
  berlinYear,
  formatBerlin,
  formatIsoDay,
} from './berlin-time.js';

const at = (iso: string) => Date.parse(iso);
const HOUR_MS = 3_600_000;
const nextDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('the New Year boundary', () => {
  it('turns the year at midnight in Berlin, an hour before UTC', () => {
    expect(berlinYear(at('2026-12-31T22:59:59.999Z'))).toBe(2026);
    expect(berlinYear(at('2026-12-31T23:00:00Z'))).toBe(2027);
    expect(berlinYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(berlinIsoDay(at('2026-12-31T22:59:59.999Z'))).toBe('2026-12-31');
    expect(berlinIsoDay(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(berlinMidnight('2027-01-01')).toBe(at('2026-12-31T23:00:00Z'));
    expect(berlinDateTimeText(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01 00:00:00');
  });
});

describe('the spring switch (29 March 2026, 02:00 CET → 03:00 CEST at 01:00 UTC)', () => {
  it('jumps from 01:59:59 to 03:00', () => {
    expect(berlinParts(at('2026-03-29T00:59:59Z'))).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 1,
      minute: 59,
      second: 59,
      weekday: 7,
    });
    expect(berlinParts(at('2026-03-29T01:00:00Z'))).toMatchObject({ day: 29, hour: 3, minute: 0, second: 0 });
    expect(berlinDateTimeText(at('2026-03-29T01:00:00Z'))).toBe('2026-03-29 03:00:00');
  });

  it('has a day of 23 hours, starting at 23:00 UTC the day before', () => {
    expect(berlinMidnight('2026-03-29')).toBe(at('2026-03-28T23:00:00Z'));
    expect(berlinMidnight('2026-03-30')).toBe(at('2026-03-29T22:00:00Z'));
    expect(berlinMidnight('2026-03-30') - berlinMidnight('2026-03-29')).toBe(23 * HOUR_MS);
    expect(berlinIsoDay(at('2026-03-29T21:59:59.999Z'))).toBe('2026-03-29');
    expect(berlinIsoDay(at('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(berlinDayRange('2026-03-29', '2026-03-29')).toEqual({
      start: at('2026-03-28T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
    });
  });
});

describe('the autumn switch (25 October 2026, 03:00 CEST → 02:00 CET at 01:00 UTC)', () => {
  it('goes from 02:59:59 back to 02:00', () => {
    expect(berlinParts(at('2026-10-25T00:59:59Z'))).toMatchObject({ day: 25, hour: 2, minute: 59, second: 59, weekday: 7 });
    expect(berlinParts(at('2026-10-25T01:00:00Z'))).toMatchObject({ day: 25, hour: 2, minute: 0, second: 0 });
    expect(berlinDateTimeText(at('2026-10-25T01:00:00Z'))).toBe('2026-10-25 02:00:00');
  });

  it('has a day of 25 hours', () => {
    expect(berlinMidnight('2026-10-25')).toBe(at('2026-10-24T22:00:00Z'));
    expect(berlinMidnight('2026-10-26')).toBe(at('2026-10-25T23:00:00Z'));
    expect(berlinMidnight('2026-10-26') - berlinMidnight('2026-10-25')).toBe(25 * HOUR_MS);
    expect(berlinIsoDay(at('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25');
    expect(berlinIsoDay(at('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });
});

describe('any instant', () => {
  it('lies in its Berlin day: midnight ≤ t < next midnight, and the parts agree with the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('1990-01-01T00:00:00Z'), max: at('2100-12-31T00:00:00Z') }), (t) => {
        const day = berlinIsoDay(t);
        expect(berlinMidnight(day)).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(berlinMidnight(nextDay(day)));
        const parts = berlinParts(t);
        expect(`${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`).toBe(day);
        expect(berlinYear(t)).toBe(parts.year);
      }),
    );
  });

  it('reads as Intl reads it in Europe/Berlin', () => {
    const reference = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: at('1990-01-01T00:00:00Z'), max: at('2100-12-31T00:00:00Z') }), (t) => {
        expect(berlinDateTimeText(t)).toBe(reference.format(t));
      }),
    );
  });
});

describe('formatting for people', () => {
  it('gives the strings the client, the web form and the export built before', () => {
    const times = ['2026-03-01T13:05:09Z', '2026-12-31T23:30:00Z', '2026-10-25T01:30:00Z'].map(at);
    for (const [locale, tag] of [
      ['de', 'de-DE'],
      ['en', 'en-GB'],
    ] as const) {
      const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
      const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
      for (const t of times) {
        expect(formatBerlin(t, locale, 'dateTime')).toBe(dateTime.format(t));
        expect(formatBerlin(new Date(t), locale, 'date')).toBe(date.format(t));
      }
    }
    expect(formatBerlin(at('2026-12-31T23:30:00Z'), 'de', 'dateTime')).toBe('01.01.2027, 00:30');
  });

  it('speaks the citizens’ pages’ languages too: Leichte Sprache names the month, Arabic writes Latin digits', () => {
    const t = at('2026-12-31T23:30:00Z');
    expect(formatBerlin(t, 'de-x-ls', 'dateTime')).toBe('1. Januar 2027 um 00:30');
    expect(formatBerlin(t, 'de-x-ls', 'date')).toBe('1. Januar 2027');
    expect(formatBerlin(t, 'tr', 'date')).toBe('1 Oca 2027');
    expect(formatBerlin(t, 'uk', 'date')).toMatch(/^1 січ\. 2027/);
    expect(formatBerlin(t, 'ru', 'date')).toMatch(/^1 янв\. 2027/);
    expect(formatBerlin(t, 'ar', 'dateTime')).toMatch(/2027/);
    expect(formatBerlin(t, 'ar', 'dateTime')).not.toMatch(/[\u0660-\u0669]/);
    expect(formatIsoDay('2026-12-11', 'ar', { dateStyle: 'long' })).toBe('11 ديسمبر 2026');
  });

  it('formats calendar days and months as dates, never shifted by a time zone', () => {
    expect(formatIsoDay('2027-01-01', 'de')).toBe('01.01.2027');
    expect(formatIsoDay('2026-03-02', 'de', { day: '2-digit', month: '2-digit' })).toBe('02.03.');
    expect(formatIsoDay('2026-03', 'de', { month: 'long', year: 'numeric' })).toBe('März 2026');
    expect(formatIsoDay('no day', 'en')).toBe('no day');
    expect(formatIsoDay('2026-13', 'en', { month: 'long' })).toBe('2026-13');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFieldText, isIsoDay, isoDayOf, readDayText } from './date-text';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Any day of 1900–2100 as [year, month, day]. */
const anyDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()] as const);

describe('the date field reads what a clerk types', () => {
  it('reads German dates with and without leading zeros, with spaces, as eight digits and as ISO', () => {
    for (const text of [
      '1.3.2026',
      '01.03.2026',
      '1.03.2026',
      ' 01. 03. 2026 ',
      '01032026',
      '2026-03-01',
      '1/3/2026',
      '1-3-2026',
    ])
      expect(readDayText(text), text).toEqual({ kind: 'day', day: '2026-03-01' });
  });

  it('tells an impossible day from unreadable text', () => {
    for (const text of [
      '31.02.2026',
      '29.02.2027',
      '00.01.2026',
      '15.13.2026',
      '32.01.2026',
      '2026-02-30',
      '1.1.1899',
      '1.1.2101',
    ])
      expect(readDayText(text), text).toEqual({ kind: 'impossible' });
    for (const text of ['15.3.', '15.3.26', 'morgen', '2026', '15..2026', '1.3.20260'])
      expect(readDayText(text), text).toEqual({ kind: 'unreadable' });
    expect(readDayText('   ')).toEqual({ kind: 'empty' });
  });

  it('knows leap days', () => {
    expect(readDayText('29.02.2028')).toEqual({ kind: 'day', day: '2028-02-29' });
    expect(readDayText('29.02.2000')).toEqual({ kind: 'day', day: '2000-02-29' });
    expect(readDayText('29.02.2100')).toEqual({ kind: 'impossible' });
  });

  it('shows a day as dd.mm.yyyy in German and dd/mm/yyyy in English, other text unchanged', () => {
    expect(dayFieldText('2026-03-01', 'de')).toBe('01.03.2026');
    expect(dayFieldText('2026-03-01', 'en')).toBe('01/03/2026');
    expect(dayFieldText('', 'de')).toBe('');
    expect(dayFieldText('31.02.2026', 'de')).toBe('31.02.2026');
  });

  it('round-trips any day of 1900–2100 through what the field shows, in both languages', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom('de' as const, 'en' as const), ([year, month, day], locale) => {
        const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        expect(isIsoDay(iso)).toBe(true);
        expect(readDayText(dayFieldText(iso, locale))).toEqual({ kind: 'day', day: iso });
        // As a clerk types it: no leading zeros.
        expect(readDayText(`${day}.${month}.${year}`)).toEqual({ kind: 'day', day: iso });
      }),
    );
  });

  it('accepts exactly the days the calendar has', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
          expect(isoDayOf(y, m, d) !== null).toBe(real);
          expect(readDayText(`${d}.${m}.${y}`).kind).toBe(real ? 'day' : 'impossible');
        },
      ),
    );
  });
});

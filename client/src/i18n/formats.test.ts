import { berlinMidnight, formatIsoDay, formatNumberIn, instantOfBerlinWallTime, type Locale } from '@anliegen/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceFormatter } from '../components/domain/due';
import { dayFieldText } from '../components/ui/date-text';
import { formatBusinessMinutes } from '../features/admin/business-duration';
import { formatFileSize } from '../features/cases/case-print';
import { followUpDayText } from '../features/cases/follow-up-day';
import { dayFormatter, formatBusinessDuration, percentFormatter, periodFormatter } from '../features/statistics/stat-format';
import { de } from './de';
import { en } from './en';
import { formatsFor, interpolate, type Translate } from './i18n';
import { dePages } from './pages.de';
import { enPages } from './pages.en';

/*
 * Every date and number formatter the client shows, with the German locale (and English beside it): issue 17's
 * "German formats everywhere". Intl puts no-break spaces in "12,5 %" and "10:05 PM"; they are compared as spaces.
 */

const texts: Record<Locale, Record<string, string>> = { de: { ...de, ...dePages }, en: { ...en, ...enPages } };
const tOf =
  (locale: Locale): Translate =>
  (key, vars) =>
    interpolate(texts[locale][key]!, vars);
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** 31 March 2026, 10:05 in Berlin (summer time: 08:05 UTC). */
const MARCH_31_1005 = instantOfBerlinWallTime(Date.parse('2026-03-31T10:05:00Z'));

describe('formats in German (and English)', () => {
  const german = formatsFor('de');
  const english = formatsFor('en');

  it('dates, dates with times and times of day in Berlin', () => {
    expect(german.formatDate(MARCH_31_1005)).toBe('31.03.2026');
    expect(german.formatDateTime(MARCH_31_1005)).toBe('31.03.2026, 10:05');
    expect(english.formatDate(MARCH_31_1005)).toBe('31 Mar 2026');
    expect(english.formatDateTime(MARCH_31_1005)).toBe('31 Mar 2026, 10:05');
    // Midnight at the turn of the year in Berlin is still the new year's day, whatever the host's zone.
    expect(german.formatDateTime(berlinMidnight('2027-01-01'))).toBe('01.01.2027, 00:00');
  });

  it('numbers with thousands separators and decimal commas', () => {
    expect(german.formatNumber(1234)).toBe('1.234');
    expect(german.formatNumber(1234567)).toBe('1.234.567');
    expect(german.formatNumber(12.5)).toBe('12,5');
    expect(english.formatNumber(1234)).toBe('1,234');
    expect(english.formatNumber(12.5)).toBe('12.5');
    expect(formatNumberIn(1234, 'de')).toBe('1.234');
  });

  it('counts in German keep their digits, grouped by dots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        const text = german.formatNumber(n);
        expect(text).toMatch(/^\d{1,3}(\.\d{3})*$/);
        expect(Number(text.replaceAll('.', ''))).toBe(n);
      }),
    );
  });

  it('birth dates and other calendar days', () => {
    expect(formatIsoDay('1992-11-10', 'de')).toBe('10.11.1992');
    expect(formatIsoDay('1992-11-10', 'en')).toBe('10 Nov 1992');
    expect(dayFormatter('de')('2026-03-31')).toBe('31.03.2026');
    expect(followUpDayText('2026-03-31', 'de')).toBe('Dienstag, 31.03.2026');
    expect(followUpDayText('2026-03-31', 'en')).toBe('Tuesday, 31/03/2026');
  });

  it('the date field shows dd.mm.yyyy in German and dd/mm/yyyy in English', () => {
    expect(dayFieldText('2026-03-31', 'de')).toBe('31.03.2026');
    expect(dayFieldText('2026-03-31', 'en')).toBe('31/03/2026');
  });

  it('relative due texts', () => {
    const inGerman = distanceFormatter('de');
    const inEnglish = distanceFormatter('en');
    expect(inGerman(3 * 3_600_000)).toBe('in 3 Stunden');
    expect(inGerman(-2 * 86_400_000)).toBe('vor 2 Tagen');
    expect(inGerman(45 * 60_000)).toBe('in 45 Minuten');
    expect(inEnglish(3 * 3_600_000)).toBe('in 3 hours');
    expect(inEnglish(-2 * 86_400_000)).toBe('2 days ago');
  });

  it('durations in business time', () => {
    expect(formatBusinessDuration(150, tOf('de'), german.formatNumber)).toBe('2 Std. 30 Min.');
    expect(formatBusinessDuration(600, tOf('de'), german.formatNumber)).toBe('1 Tag 2 Std.');
    expect(formatBusinessDuration(480 * 1500, tOf('de'), german.formatNumber)).toBe('1.500 Tage');
    expect(formatBusinessMinutes(1200, tOf('de'), german.formatNumber)).toBe('2 Tage 4 Std.');
    expect(formatBusinessDuration(150, tOf('en'), english.formatNumber)).toMatch(/^2 h(ours?|rs?\.?)? 30 min/);
  });

  it('percentages', () => {
    expect(spaced(percentFormatter('de')(0.125))).toBe('12,5 %');
    expect(spaced(percentFormatter('de')(1))).toBe('100 %');
    expect(percentFormatter('en')(0.125)).toBe('12.5%');
  });

  it('file sizes', () => {
    expect(formatFileSize(512, tOf('de'), german.formatNumber)).toBe('512 Byte');
    expect(formatFileSize(1023 * 1024, tOf('de'), german.formatNumber)).toBe('1.023 KB');
    expect(formatFileSize(2.5 * 1024 * 1024, tOf('de'), german.formatNumber)).toBe('2,5 MB');
    expect(formatFileSize(2.5 * 1024 * 1024, tOf('en'), english.formatNumber)).toBe('2.5 MB');
  });

  it("the statistics' axis labels and period names", () => {
    const long = periodFormatter('de', tOf('de'));
    const short = periodFormatter('de', tOf('de'), true);
    expect(long('2026-03-02')).toBe('02.03.2026');
    expect(short('2026-03-02')).toBe('02.03.');
    expect(long('2026-W10')).toBe('KW 10/2026');
    expect(short('2026-W10')).toBe('KW 10');
    expect(long('2026-03')).toBe('März 2026');
    expect(short('2026-03')).toBe('März 26');
    expect(periodFormatter('en', tOf('en'))('2026-03')).toBe('March 2026');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n/i18n';
import { numberFormatter, translator } from '../../test/i18n';
import { formatBusinessMinutes, hoursToMinutes, minutesToHours, WORKING_DAY_MINUTES } from './business-duration';

describe('formatBusinessMinutes', () => {
  it('says business minutes in working days, hours and minutes (German)', () => {
    const format = (minutes: number) => formatBusinessMinutes(minutes, translator('de'), numberFormatter('de'));
    expect(format(480)).toBe('1 Tag');
    expect(format(1200)).toBe('2 Tage 4 Std.');
    expect(format(90)).toBe('1 Std. 30 Min.');
    expect(format(0)).toBe('0 Min.');
    expect(format(481)).toBe('1 Tag 1 Min.');
    expect(format(480 * 1500)).toBe('1.500 Tage');
  });

  it('says the same in English', () => {
    const format = (minutes: number) => formatBusinessMinutes(minutes, translator('en'), numberFormatter('en'));
    expect(format(480)).toBe('1 day');
    expect(format(1200)).toBe('2 days 4 h');
    expect(format(90)).toBe('1 h 30 min');
    expect(format(480 * 1500)).toBe('1,500 days');
  });

  it('loses no minute: the parts add up to the minutes given', () => {
    // A translation that keeps the numbers readable.
    const t: Translate = (key, vars) => `${key}=${vars?.n ?? 1}`;
    const unit: Record<string, number> = {
      'duration.day': WORKING_DAY_MINUTES,
      'duration.days': WORKING_DAY_MINUTES,
      'duration.hours': 60,
      'duration.minutes': 1,
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * WORKING_DAY_MINUTES }), (minutes) => {
        const parts = formatBusinessMinutes(minutes, t, String).split(' ');
        const total = parts.reduce((sum, part) => {
          const [key, n] = part.split('=') as [string, string];
          return sum + unit[key]! * Number(n);
        }, 0);
        expect(total).toBe(minutes);
      }),
    );
  });
});

describe('hoursToMinutes', () => {
  it('reads hours as typed, with a decimal comma or point', () => {
    expect(hoursToMinutes(8)).toBe(480);
    expect(hoursToMinutes(1.5)).toBe(90);
    expect(hoursToMinutes('1,5')).toBe(90);
    expect(hoursToMinutes('2.25')).toBe(135);
    expect(hoursToMinutes('0,01')).toBe(1);
  });

  it('leaves an empty field as no target, and marks what is no number', () => {
    expect(hoursToMinutes('')).toBeNull();
    expect(hoursToMinutes('acht')).toBeNaN();
    expect(hoursToMinutes('1,5,2')).toBeNaN();
  });
});

describe('minutesToHours', () => {
  it('shows minutes as hours to two decimals', () => {
    expect(minutesToHours(null)).toBe('');
    expect(minutesToHours(480)).toBe(8);
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(100)).toBe(1.67);
  });

  it('gives back the same minutes when the hours shown are saved unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 * 60 }), (minutes) => {
        expect(hoursToMinutes(minutesToHours(minutes))).toBe(minutes);
      }),
    );
  });
});

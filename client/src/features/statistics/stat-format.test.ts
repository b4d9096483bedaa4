import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberFormatter, translator } from '../../test/i18n';
import { formatBusinessDuration, percentFormatter } from './stat-format';

describe('formatBusinessDuration', () => {
  const german = (minutes: number) => formatBusinessDuration(minutes, translator('de'), numberFormatter('de'));
  const english = (minutes: number) => formatBusinessDuration(minutes, translator('en'), numberFormatter('en'));

  it('says short durations in hours and minutes', () => {
    expect(german(45)).toBe('45 Min.');
    expect(german(150)).toBe('2 Std. 30 Min.');
    expect(german(120)).toBe('2 Std.');
    expect(german(0)).toBe('0 Min.');
    expect(english(150)).toBe('2 h 30 min');
  });

  it('rounds fractions of a minute (medians and percentiles are not whole)', () => {
    expect(german(44.6)).toBe('45 Min.');
    expect(german(59.5)).toBe('1 Std.');
  });

  it('says a day or more in working days and whole hours, without minutes', () => {
    expect(german(600)).toBe('1 Tag 2 Std.');
    expect(german(480)).toBe('1 Tag');
    expect(german(1000)).toBe('2 Tage 1 Std.');
    expect(english(600)).toBe('1 day 2 h');
    expect(english(1000)).toBe('2 days 1 h');
  });

  it('rounds 7 h 40 min beyond a day up to a further whole day', () => {
    expect(german(480 + 460)).toBe('2 Tage');
    expect(english(480 + 460)).toBe('2 days');
  });

  it('never says "8 Std." beside days: hours beyond a day stay below a working day', () => {
    fc.assert(
      fc.property(fc.double({ min: 480, max: 480 * 400, noNaN: true }), (minutes) => {
        expect(german(minutes)).not.toMatch(/\b8 Std\./);
        expect(german(minutes)).not.toMatch(/Min\./);
      }),
    );
  });
});

describe('percentFormatter', () => {
  it('writes rates as percentages in the user’s language, to one decimal', () => {
    expect(percentFormatter('de')(0.875)).toBe('87,5\u00a0%');
    expect(percentFormatter('en')(0.875)).toBe('87.5%');
    expect(percentFormatter('de')(1)).toBe('100\u00a0%');
    expect(percentFormatter('en')(0.12345)).toBe('12.3%');
  });
});

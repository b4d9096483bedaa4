import { SOON_DUE_HOURS } from '@anliegen/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceFormatter, dueState, roughDistance } from './due';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 31, 10, 0);

describe('dueState', () => {
  it('says when there is no target, and when the clock is paused (waiting for the citizen)', () => {
    expect(dueState(null, null, NOW)).toBe('none');
    expect(dueState(null, NOW, NOW)).toBe('none');
    expect(dueState(NOW - DAY, NOW - 2 * DAY, NOW)).toBe('paused');
  });

  it('is overdue only once the target has passed', () => {
    expect(dueState(NOW - 1, null, NOW)).toBe('overdue');
    expect(dueState(NOW, null, NOW)).toBe('soon');
  });

  it(`is due soon within ${SOON_DUE_HOURS} hours, later from then on`, () => {
    expect(dueState(NOW + SOON_DUE_HOURS * HOUR - 1, null, NOW)).toBe('soon');
    expect(dueState(NOW + SOON_DUE_HOURS * HOUR, null, NOW)).toBe('later');
    expect(dueState(NOW + 3 * DAY, null, NOW)).toBe('later');
  });
});

describe('roughDistance', () => {
  it('counts minutes under an hour, hours under two days, days beyond', () => {
    expect(roughDistance(30 * MINUTE)).toEqual({ value: 30, unit: 'minute' });
    expect(roughDistance(59 * MINUTE)).toEqual({ value: 59, unit: 'minute' });
    expect(roughDistance(HOUR)).toEqual({ value: 1, unit: 'hour' });
    expect(roughDistance(47 * HOUR)).toEqual({ value: 47, unit: 'hour' });
    expect(roughDistance(48 * HOUR)).toEqual({ value: 2, unit: 'day' });
    expect(roughDistance(10 * DAY + 11 * HOUR)).toEqual({ value: 10, unit: 'day' });
  });

  it('keeps the sign: a past instant is negative', () => {
    expect(roughDistance(-3 * HOUR)).toEqual({ value: -3, unit: 'hour' });
    expect(roughDistance(-5 * DAY)).toEqual({ value: -5, unit: 'day' });
  });

  it('picks the unit by how far away, not by which side of now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), (ms) => {
        expect(roughDistance(-ms).unit).toBe(roughDistance(ms).unit);
        expect(Math.abs(roughDistance(-ms).value - -roughDistance(ms).value)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('distanceFormatter', () => {
  it('says it in German', () => {
    const distance = distanceFormatter('de');
    expect(distance(30 * MINUTE)).toBe('in 30 Minuten');
    expect(distance(3 * HOUR)).toBe('in 3 Stunden');
    expect(distance(-2 * DAY)).toBe('vor 2 Tagen');
    expect(distance(-1 * HOUR)).toBe('vor 1 Stunde');
  });

  it('says it in English', () => {
    const distance = distanceFormatter('en');
    expect(distance(30 * MINUTE)).toBe('in 30 minutes');
    expect(distance(3 * HOUR)).toBe('in 3 hours');
    expect(distance(-2 * DAY)).toBe('2 days ago');
    expect(distance(-1 * HOUR)).toBe('1 hour ago');
  });
});

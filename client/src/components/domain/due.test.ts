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

  // Issue 16: closed demo cases keep their resolution target and showed "überfällig (vor 40 Tagen)".
  it('is done, never overdue, once the case is resolved or closed, with or without a target', () => {
    expect(dueState(NOW - 40 * DAY, null, NOW, 'closed')).toBe('done');
    expect(dueState(NOW - DAY, null, NOW, 'resolved')).toBe('done');
    expect(dueState(null, null, NOW, 'closed')).toBe('done');
    expect(dueState(NOW - DAY, NOW - 2 * DAY, NOW, 'resolved')).toBe('done');
    expect(dueState(NOW - DAY, null, NOW, 'waiting_internal')).toBe('overdue');
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
  // Issue 16: "vor 48 Stunden" read oddly; beyond a day it is days.
  it('counts minutes under an hour, hours under a day, days beyond', () => {
    expect(roughDistance(30 * MINUTE)).toEqual({ value: 30, unit: 'minute' });
    expect(roughDistance(59 * MINUTE)).toEqual({ value: 59, unit: 'minute' });
    expect(roughDistance(HOUR)).toEqual({ value: 1, unit: 'hour' });
    expect(roughDistance(23 * HOUR)).toEqual({ value: 23, unit: 'hour' });
    expect(roughDistance(24 * HOUR)).toEqual({ value: 1, unit: 'day' });
    expect(roughDistance(47 * HOUR)).toEqual({ value: 2, unit: 'day' });
    expect(roughDistance(48 * HOUR)).toEqual({ value: 2, unit: 'day' });
    expect(roughDistance(10 * DAY + 11 * HOUR)).toEqual({ value: 10, unit: 'day' });
  });

  it('never says 60 minutes or 24 hours: a value that rounds up to the next unit is said in it', () => {
    expect(roughDistance(59 * MINUTE + 40_000)).toEqual({ value: 1, unit: 'hour' });
    expect(roughDistance(23 * HOUR + 40 * MINUTE)).toEqual({ value: 1, unit: 'day' });
    expect(roughDistance(-(23 * HOUR + 40 * MINUTE))).toEqual({ value: -1, unit: 'day' });
    fc.assert(
      fc.property(fc.integer({ min: -400 * DAY, max: 400 * DAY }), (ms) => {
        const { value, unit } = roughDistance(ms);
        if (unit === 'minute') expect(Math.abs(value)).toBeLessThan(60);
        if (unit === 'hour') expect(Math.abs(value)).toBeLessThan(24);
      }),
    );
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
    expect(distance(-48 * HOUR)).toBe('vor 2 Tagen');
    expect(distance(30 * HOUR)).toBe('in 1 Tag');
    expect(distance(3 * DAY)).toBe('in 3 Tagen');
  });

  it('says it in English', () => {
    const distance = distanceFormatter('en');
    expect(distance(30 * MINUTE)).toBe('in 30 minutes');
    expect(distance(3 * HOUR)).toBe('in 3 hours');
    expect(distance(-2 * DAY)).toBe('2 days ago');
    expect(distance(-1 * HOUR)).toBe('1 hour ago');
    expect(distance(-48 * HOUR)).toBe('2 days ago');
  });
});

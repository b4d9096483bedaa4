import { berlinIsoDay, berlinMidnight, berlinParts } from '@anliegen/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastCalendarWeek } from './report-week.js';

const HOUR_MS = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('the weekly report covers the last calendar week in Berlin', () => {
  it('for any instant: Monday 00:00 to Monday 00:00 in Berlin, the week before the one the instant is in', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2036-12-31T00:00:00Z') }), (instant) => {
        const week = lastCalendarWeek(instant);
        expect(berlinParts(week.start)).toMatchObject({ weekday: 1, hour: 0, minute: 0, second: 0 });
        expect(berlinParts(week.end)).toMatchObject({ weekday: 1, hour: 0, minute: 0, second: 0 });
        // The instant is in the week after the report's week.
        expect(week.end).toBeLessThanOrEqual(instant);
        expect(instant - week.end).toBeLessThan(169 * HOUR_MS);
        // Seven days: one hour less in the week clocks go forward, one more when they go back.
        expect([167, 168, 169]).toContain((week.end - week.start) / HOUR_MS);
        expect(week.start).toBe(berlinMidnight(week.monday));
        expect(berlinIsoDay(week.end - 1)).toBe(week.sunday);
        expect(berlinParts(week.end - 1).weekday).toBe(7);
      }),
      { numRuns: 2_000 },
    );
  });

  it('turns at midnight in Berlin, not in UTC', () => {
    // Sunday 23:30 UTC is Monday 00:30 in Berlin (winter): the week has turned.
    expect(lastCalendarWeek(at('2026-11-29T23:30:00Z')).monday).toBe('2026-11-23');
    // Monday 00:30 in Berlin in summer is Sunday 22:30 UTC.
    expect(lastCalendarWeek(at('2026-06-07T22:30:00Z')).monday).toBe('2026-06-01');
    expect(lastCalendarWeek(at('2026-06-07T21:59:59Z')).monday).toBe('2026-05-25');
  });

  it('has 167 hours in the week clocks go forward and 169 in the week they go back', () => {
    const spring = lastCalendarWeek(at('2026-03-30T08:00:00+02:00'));
    expect(spring).toMatchObject({ monday: '2026-03-23', sunday: '2026-03-29', isoWeek: '2026-W13' });
    expect((spring.end - spring.start) / HOUR_MS).toBe(167);
    const autumn = lastCalendarWeek(at('2026-10-26T08:00:00+01:00'));
    expect(autumn).toMatchObject({ monday: '2026-10-19', sunday: '2026-10-25', isoWeek: '2026-W43' });
    expect((autumn.end - autumn.start) / HOUR_MS).toBe(169);
  });

  it('crosses the turn of the year with the ISO week of the Thursday', () => {
    // Monday 2027-01-04: last week is 2026-12-28 … 2027-01-03, ISO week 53 of 2026.
    expect(lastCalendarWeek(at('2027-01-04T00:00:00+01:00'))).toMatchObject({
      monday: '2026-12-28',
      sunday: '2027-01-03',
      isoWeek: '2026-W53',
    });
    // One second earlier it is still that week: the report is of the week before.
    expect(lastCalendarWeek(at('2027-01-03T23:59:59+01:00')).monday).toBe('2026-12-21');
    // Monday 2025-12-29 … Sunday 2026-01-04 is ISO week 1 of 2026.
    expect(lastCalendarWeek(at('2026-01-05T09:00:00+01:00'))).toMatchObject({ monday: '2025-12-29', isoWeek: '2026-W01' });
  });
});

import { isHoliday } from 'feiertagejs';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  berlinDayRange,
  type BusinessHours,
  businessHoursSchema,
  businessMinutesBetween,
  DEFAULT_BUSINESS_HOURS,
  isPublicHoliday,
  type ServiceCalendar,
} from './sla-clock.js';

const berlin: ServiceCalendar = { hours: DEFAULT_BUSINESS_HOURS, bundesland: 'BE' };
const bavaria: ServiceCalendar = { hours: DEFAULT_BUSINESS_HOURS, bundesland: 'BY' };
const nrw: ServiceCalendar = { hours: DEFAULT_BUSINESS_HOURS, bundesland: 'NW' };

/** Deadlines are compared as UTC ISO strings, so a failure shows the instant rather than a bare number. */
function add(startIso: string, minutes: number, calendar: ServiceCalendar = berlin): string {
  return new Date(addBusinessMinutes(Date.parse(startIso), minutes, calendar)).toISOString();
}
function iso(expected: string): string {
  return new Date(expected).toISOString();
}
function between(fromIso: string, toIso: string, calendar: ServiceCalendar = berlin): number {
  return businessMinutesBetween(Date.parse(fromIso), Date.parse(toIso), calendar);
}

describe('addBusinessMinutes', () => {
  it('stays within one day', () => {
    // Monday 2026-03-02.
    expect(add('2026-03-02T09:00:00+01:00', 60)).toBe(iso('2026-03-02T10:00:00+01:00'));
  });

  it('ends at closing time rather than at the next opening', () => {
    expect(add('2026-03-02T15:00:00+01:00', 60)).toBe(iso('2026-03-02T16:00:00+01:00'));
  });

  it('carries over the night', () => {
    // 30 minutes on Monday, 30 from Tuesday's opening.
    expect(add('2026-03-02T15:30:00+01:00', 60)).toBe(iso('2026-03-03T08:30:00+01:00'));
  });

  it('skips the weekend', () => {
    // Friday 2026-03-06: 60 minutes until 16:00, 60 from Monday 08:00.
    expect(add('2026-03-06T15:00:00+01:00', 120)).toBe(iso('2026-03-09T09:00:00+01:00'));
  });

  it('skips a public holiday', () => {
    // Tag der Deutschen Einheit, Friday 2025-10-03.
    expect(add('2025-10-02T15:00:00+02:00', 120)).toBe(iso('2025-10-06T09:00:00+02:00'));
  });

  it('uses the holidays of the Bundesland', () => {
    // Fronleichnam, Thursday 2026-06-04: a holiday in Bayern and NRW, a working day in Berlin.
    expect(add('2026-06-03T15:00:00+02:00', 120, bavaria)).toBe(iso('2026-06-05T09:00:00+02:00'));
    expect(add('2026-06-03T15:00:00+02:00', 120, nrw)).toBe(iso('2026-06-05T09:00:00+02:00'));
    expect(add('2026-06-03T15:00:00+02:00', 120, berlin)).toBe(iso('2026-06-04T09:00:00+02:00'));
  });

  it('counts from the next opening when started outside business hours', () => {
    // Saturday 2026-03-07 → Monday 08:00; Monday 06:00 → 08:00; Monday 17:00 → Tuesday 08:00.
    expect(add('2026-03-07T11:00:00+01:00', 60)).toBe(iso('2026-03-09T09:00:00+01:00'));
    expect(add('2026-03-02T06:00:00+01:00', 60)).toBe(iso('2026-03-02T09:00:00+01:00'));
    expect(add('2026-03-02T17:00:00+01:00', 60)).toBe(iso('2026-03-03T09:00:00+01:00'));
  });

  it('adds zero minutes as the start inside hours, else as the next opening', () => {
    expect(add('2026-03-02T10:15:00+01:00', 0)).toBe(iso('2026-03-02T10:15:00+01:00'));
    expect(add('2026-03-07T11:00:00+01:00', 0)).toBe(iso('2026-03-09T08:00:00+01:00'));
    // Closing time is already closed.
    expect(add('2026-03-02T16:00:00+01:00', 0)).toBe(iso('2026-03-03T08:00:00+01:00'));
  });

  it('follows the wall clock across the daylight saving changes', () => {
    // Clocks go forward on Sunday 2026-03-29 and back on Sunday 2026-10-25.
    expect(add('2026-03-27T15:00:00+01:00', 120)).toBe(iso('2026-03-30T09:00:00+02:00'));
    expect(between('2026-03-27T15:00:00+01:00', '2026-03-30T09:00:00+02:00')).toBe(120);
    expect(add('2026-10-23T15:00:00+02:00', 120)).toBe(iso('2026-10-26T09:00:00+01:00'));
    expect(between('2026-10-23T15:00:00+02:00', '2026-10-26T09:00:00+01:00')).toBe(120);
  });

  it('skips the lunch break of split opening hours', () => {
    const hours: BusinessHours = {
      1: [
        ['08:00', '12:00'],
        ['13:00', '18:00'],
      ],
      3: [['09:00', '12:00']],
    };
    const split: ServiceCalendar = { hours, bundesland: 'BE' };
    // Monday 2026-03-02: 30 minutes before lunch, 30 after.
    expect(add('2026-03-02T11:30:00+01:00', 60, split)).toBe(iso('2026-03-02T13:30:00+01:00'));
    expect(add('2026-03-02T12:15:00+01:00', 0, split)).toBe(iso('2026-03-02T13:00:00+01:00'));
    // 30 minutes on Monday evening, Tuesday closed, 30 from Wednesday 09:00.
    expect(add('2026-03-02T17:30:00+01:00', 60, split)).toBe(iso('2026-03-04T09:30:00+01:00'));
    expect(between('2026-03-02T11:00:00+01:00', '2026-03-02T14:00:00+01:00', split)).toBe(120);
  });

  it('handles long spans without stepping minute by minute', () => {
    // 40 hours = five 8-hour days: Monday 2026-03-02 08:00 → Friday 16:00.
    expect(add('2026-03-02T08:00:00+01:00', 40 * 60)).toBe(iso('2026-03-06T16:00:00+01:00'));
    // All of 2026 in NRW (see the year total below) ends at the close of Thursday 2026-12-31.
    expect(add('2026-01-01T00:00:00+01:00', 121_440, nrw)).toBe(iso('2026-12-31T16:00:00+01:00'));
  });

  it('refuses a calendar without any opening instead of looping forever', () => {
    const start = Date.parse('2026-03-02T09:00:00+01:00');
    expect(() => addBusinessMinutes(start, 60, { hours: {}, bundesland: 'BE' })).toThrow('calendar has no business hours');
    expect(() => addBusinessMinutes(start, 0, { hours: { 1: [], 6: [] }, bundesland: 'BE' })).toThrow(
      'calendar has no business hours',
    );
  });

  it('rejects negative or non-finite minutes', () => {
    expect(() => addBusinessMinutes(0, -1, berlin)).toThrow(RangeError);
    expect(() => addBusinessMinutes(0, Number.NaN, berlin)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('measures within one day, with fractions of a minute', () => {
    expect(between('2026-03-02T09:15:00+01:00', '2026-03-02T11:45:00+01:00')).toBe(150);
    expect(between('2026-03-02T07:00:00+01:00', '2026-03-02T20:00:00+01:00')).toBe(480);
    expect(between('2026-03-02T09:00:00+01:00', '2026-03-02T09:00:30+01:00')).toBe(0.5);
  });

  it('leaves out weekends and holidays', () => {
    // Thursday 2025-10-02 15:00 → Monday 2025-10-06 09:00 over Tag der Deutschen Einheit and the weekend.
    expect(between('2025-10-02T15:00:00+02:00', '2025-10-06T09:00:00+02:00')).toBe(120);
    // Easter 2026: Karfreitag 04-03 and Ostermontag 04-06; Thursday 12:00–16:00 plus Tuesday 08:00–10:00.
    expect(between('2026-04-02T12:00:00+02:00', '2026-04-07T10:00:00+02:00')).toBe(360);
  });

  it('is 0 when the end is not after the start', () => {
    expect(between('2026-03-02T10:00:00+01:00', '2026-03-02T10:00:00+01:00')).toBe(0);
    expect(between('2026-03-03T10:00:00+01:00', '2026-03-02T10:00:00+01:00')).toBe(0);
  });

  it('measures a whole year', () => {
    // 2026 has 261 weekdays; NRW holidays on weekdays: 01-01, 04-03, 04-06, 05-01, 05-14, 05-25, 06-04, 12-25
    // (10-03, 11-01 and 12-26 fall on a weekend) → 253 days × 480 minutes.
    expect(between('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00', nrw)).toBe(253 * 480);
  });

  it('counts the real length of a day with a clock change', () => {
    const allDay: ServiceCalendar = { hours: { 7: [['00:00', '24:00']] }, bundesland: 'BE' };
    expect(between('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', allDay)).toBe(23 * 60);
    expect(between('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', allDay)).toBe(25 * 60);
  });

  it('is the inverse of addBusinessMinutes', () => {
    // A fixed linear congruential generator: varied starts and durations, the same on every run.
    let seed = 20260302;
    const next = (limit: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % limit;
    };
    const yearStart = Date.parse('2026-01-01T00:00:00+01:00');
    for (let i = 0; i < 200; i++) {
      const start = yearStart + next(365 * 24 * 60) * 60_000 + next(60_000);
      const minutes = next(6_000);
      for (const calendar of [berlin, bavaria]) {
        const end = addBusinessMinutes(start, minutes, calendar);
        expect(businessMinutesBetween(start, end, calendar)).toBe(minutes);
      }
    }
  });
});

describe('isPublicHoliday', () => {
  it('looks at the calendar day in Berlin', () => {
    // 00:30 on 25 December in Berlin is still 24 December in UTC.
    expect(isPublicHoliday(Date.parse('2026-12-25T00:30:00+01:00'), 'NW')).toBe(true);
    expect(isPublicHoliday(Date.parse('2026-12-25T23:30:00+01:00'), 'NW')).toBe(true);
    expect(isPublicHoliday(Date.parse('2026-12-24T12:00:00+01:00'), 'NW')).toBe(false);
    expect(isPublicHoliday(Date.parse('2026-12-24T23:30:00+01:00'), 'NW')).toBe(false);
  });

  it('depends on the Bundesland', () => {
    // Reformationstag.
    expect(isPublicHoliday(Date.parse('2026-10-31T10:00:00+01:00'), 'SN')).toBe(true);
    expect(isPublicHoliday(Date.parse('2026-10-31T10:00:00+01:00'), 'BY')).toBe(false);
  });

  it('agrees with feiertagejs day by day', () => {
    // Saxony has the most unusual holiday (Buß- und Bettag); noon in Berlin is unambiguously that day.
    const first = Date.parse('2026-01-01T12:00:00+01:00');
    for (let day = 0; day < 365; day++) {
      const noon = first + day * 86_400_000;
      expect(isPublicHoliday(noon, 'SN'), new Date(noon).toISOString()).toBe(isHoliday(new Date(noon), 'SN'));
    }
  });
});

describe('businessHoursSchema', () => {
  const messages = (hours: unknown) => businessHoursSchema.safeParse(hours).error?.issues.map((issue) => issue.message);

  it('accepts the default hours, split and touching intervals, 24:00 and missing days', () => {
    expect(businessHoursSchema.safeParse(DEFAULT_BUSINESS_HOURS).success).toBe(true);
    expect(
      businessHoursSchema.safeParse({
        1: [
          ['08:00', '12:00'],
          ['12:00', '18:00'],
        ],
        6: [['00:00', '24:00']],
      }).success,
    ).toBe(true);
    expect(businessHoursSchema.safeParse({}).success).toBe(true);
  });

  it('rejects invalid times', () => {
    expect(messages({ 1: [['08:00', '25:00']] })).toEqual(['hours.invalid']);
    expect(messages({ 1: [['8:00', '16:00']] })).toEqual(['hours.invalid']);
    expect(messages({ 1: [['08:60', '16:00']] })).toEqual(['hours.invalid']);
  });

  it('rejects intervals that end before they begin', () => {
    expect(messages({ 1: [['16:00', '08:00']] })).toEqual(['hours.order']);
    expect(messages({ 1: [['08:00', '08:00']] })).toEqual(['hours.order']);
  });

  it('rejects overlapping or unsorted intervals', () => {
    const overlapping = [
      ['08:00', '12:00'],
      ['11:00', '14:00'],
    ];
    expect(messages({ 2: overlapping })).toEqual(['hours.overlap']);
    expect(messages({ 2: overlapping.toReversed() })).toEqual(['hours.overlap']);
  });

  it('rejects days other than 1–7', () => {
    expect(businessHoursSchema.safeParse({ 0: [['08:00', '16:00']] }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ 8: [['08:00', '16:00']] }).success).toBe(false);
  });
});

describe('berlinDayRange', () => {
  it('covers whole Berlin days, inclusive of the last, across the switch to summer time', () => {
    const { start, end } = berlinDayRange('2026-03-28', '2026-03-29');
    expect(new Date(start!).toISOString()).toBe('2026-03-27T23:00:00.000Z');
    // 29 March has 23 hours: the next day starts at 22:00 UTC.
    expect(new Date(end!).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('leaves an open side open', () => {
    expect(berlinDayRange(undefined, '2026-07-01')).toEqual({ end: Date.parse('2026-07-01T22:00:00Z') });
    expect(berlinDayRange()).toEqual({});
  });
});

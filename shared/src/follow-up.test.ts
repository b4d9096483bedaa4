import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_MAX_DAYS, followUpDayProblem, followUpDayRange, followUpStart } from './follow-up.js';

const at = (iso: string) => Date.parse(iso);

describe('the days a follow-up may be set to', () => {
  it('run from tomorrow to a year ahead, in Berlin days', () => {
    // 14 January 2027, 23:30 in Berlin (22:30 UTC): tomorrow is the 15th, although UTC still says the 14th.
    const now = at('2027-01-14T22:30:00Z');
    expect(followUpDayRange(now)).toEqual({ first: '2027-01-15', last: '2028-01-14' });
    expect(FOLLOW_UP_MAX_DAYS).toBe(365);
    // Five minutes later it is the 15th in Berlin.
    expect(followUpDayRange(at('2027-01-14T23:05:00Z')).first).toBe('2027-01-16');
  });

  it('refuses today and the past, and a day more than a year ahead', () => {
    const now = at('2027-01-14T10:00:00Z');
    expect(followUpDayProblem('2027-01-14', now)).toBe('notFuture');
    expect(followUpDayProblem('2026-12-24', now)).toBe('notFuture');
    expect(followUpDayProblem('2027-01-15', now)).toBeNull();
    expect(followUpDayProblem('2028-01-14', now)).toBeNull();
    expect(followUpDayProblem('2028-01-15', now)).toBe('tooFar');
  });

  it('counts calendar days across the switch to summer time', () => {
    // 28 March 2027, the spring switch: tomorrow is the 29th all day long.
    expect(followUpDayRange(at('2027-03-27T23:30:00Z')).first).toBe('2027-03-29');
    expect(followUpDayRange(at('2027-03-28T21:59:00Z')).first).toBe('2027-03-29');
  });

  it('starts at midnight in Berlin on the day', () => {
    expect(followUpStart('2027-01-15')).toBe(at('2027-01-14T23:00:00Z'));
    expect(followUpStart('2027-07-15')).toBe(at('2027-07-14T22:00:00Z'));
  });
});

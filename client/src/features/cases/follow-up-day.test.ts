import { describe, expect, it } from 'vitest';
import { followUpDayText, followUpErrorKey, followUpFieldValue } from './follow-up-day';

const at = (iso: string) => Date.parse(iso);

describe('the follow-up date field', () => {
  it('shows the Berlin day a stored follow-up starts on, or nothing', () => {
    // Midnight in Berlin is still the day before in UTC.
    expect(followUpFieldValue(at('2027-01-14T23:00:00Z'))).toBe('2027-01-15');
    expect(followUpFieldValue(at('2027-07-14T22:00:00Z'))).toBe('2027-07-15');
    expect(followUpFieldValue(null)).toBe('');
  });

  it('names what is wrong with a picked day, with the texts of the server’s refusals', () => {
    const now = at('2027-01-14T22:30:00Z'); // 23:30 on the 14th in Berlin
    expect(followUpErrorKey('2027-01-14', now)).toBe('errors.cases.followUpNotFuture');
    expect(followUpErrorKey('2027-01-15', now)).toBeUndefined();
    expect(followUpErrorKey('2028-01-15', now)).toBe('errors.cases.followUpTooFar');
    expect(followUpErrorKey(null, now)).toBeUndefined();
    expect(followUpErrorKey(undefined, now)).toBeUndefined();
    // Typed text that is no day: the date field explains it, not a range error.
    expect(followUpErrorKey('31.02.2027', now)).toBeUndefined();
  });

  it('says the picked day in German (dd.mm.yyyy) with its weekday, whatever format the browser’s date field shows', () => {
    expect(followUpDayText('2027-01-15', 'de')).toBe('Freitag, 15.01.2027');
    expect(followUpDayText('2027-01-15', 'en')).toMatch(/^Friday,? 15\/01\/2027$/);
  });
});

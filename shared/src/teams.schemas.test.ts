import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS } from './sla-clock.js';
import { openingHoursTextSchema, openingHoursToText, parseDayHours } from './teams.schemas.js';

const week = (days: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', string>>) => ({
  1: '',
  2: '',
  3: '',
  4: '',
  5: '',
  6: '',
  7: '',
  ...days,
});

/** The message keys per weekday of a week that does not parse. */
function problems(days: Parameters<typeof week>[0]) {
  const result = openingHoursTextSchema.safeParse(week(days));
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe('parseDayHours', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['08:00-12:00', [['08:00', '12:00']]],
    [
      '08:00-12:00, 13:00-16:00',
      [
        ['08:00', '12:00'],
        ['13:00', '16:00'],
      ],
    ],
    ['8-12', [['08:00', '12:00']]],
    ['8.30 bis 12.15', [['08:30', '12:15']]],
    ['7:30 – 18:00', [['07:30', '18:00']]],
    [
      '13:00-16:00; 08:00-12:00',
      [
        ['08:00', '12:00'],
        ['13:00', '16:00'],
      ],
    ],
    ['0-24', [['00:00', '24:00']]],
  ])('reads %j', (text, expected) => {
    expect(parseDayHours(text)).toEqual(expected);
  });

  it.each(['8', 'morgens', '08:00-', '08:0-12:00', '08:00-12:00 13:00-16:00', '08:00–12:00, abends'])(
    'cannot read %j',
    (text) => {
      expect(parseDayHours(text)).toBeNull();
    },
  );
});

describe('openingHoursTextSchema', () => {
  it('turns the text of a week into BusinessHours, leaving closed days out', () => {
    expect(openingHoursTextSchema.parse(week({ 1: '8-12, 13-16', 3: ' 07:30-12:00 ', 6: '' }))).toEqual({
      1: [
        ['08:00', '12:00'],
        ['13:00', '16:00'],
      ],
      3: [['07:30', '12:00']],
    });
  });

  it('round-trips with openingHoursToText', () => {
    const text = openingHoursToText(DEFAULT_BUSINESS_HOURS);
    expect(text).toEqual(week({ 1: '08:00-16:00', 2: '08:00-16:00', 3: '08:00-16:00', 4: '08:00-16:00', 5: '08:00-16:00' }));
    expect(openingHoursTextSchema.parse(text)).toEqual(DEFAULT_BUSINESS_HOURS);
  });

  it('names the weekday of every problem', () => {
    expect(
      problems({ 1: '08:00-12:00', 2: 'vormittags', 3: '08:00-25:00', 4: '12:00-08:00', 5: '08:00-12:00, 11:00-16:00' }),
    ).toEqual({ 2: 'hours.format', 3: 'hours.invalid', 4: 'hours.order', 5: 'hours.overlap' });
  });

  it('wants at least one opening in the week', () => {
    expect(problems({})).toEqual({ 1: 'hours.none' });
  });

  it('does not also say "no opening" when the only hours could not be read', () => {
    expect(problems({ 3: 'immer' })).toEqual({ 3: 'hours.format' });
  });
});

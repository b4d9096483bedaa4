import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../i18n/i18n';
import { TEXTS } from '../../test/i18n';
import { waitingTime } from './waiting-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 7, 10, 0);

describe('waitingTime', () => {
  it('says minutes under an hour, hours under two days, then days, in whole units never rounded up', () => {
    expect(waitingTime(NOW - 20_000, NOW)).toEqual({ key: 'inbox.waiting.minutes', n: 1 });
    expect(waitingTime(NOW - 119_000, NOW)).toEqual({ key: 'inbox.waiting.minutes', n: 1 });
    expect(waitingTime(NOW - 59 * MINUTE, NOW)).toEqual({ key: 'inbox.waiting.minutes', n: 59 });
    expect(waitingTime(NOW - HOUR, NOW)).toEqual({ key: 'inbox.waiting.hours', n: 1 });
    expect(waitingTime(NOW - 47 * HOUR - 59 * MINUTE, NOW)).toEqual({ key: 'inbox.waiting.hours', n: 47 });
    expect(waitingTime(NOW - 2 * DAY, NOW)).toEqual({ key: 'inbox.waiting.days', n: 2 });
    expect(waitingTime(NOW - 40 * DAY - 23 * HOUR, NOW)).toEqual({ key: 'inbox.waiting.days', n: 40 });
  });

  it('says at least one minute when the message is from this very moment (or the clocks differ a little)', () => {
    expect(waitingTime(NOW, NOW)).toEqual({ key: 'inbox.waiting.minutes', n: 1 });
    expect(waitingTime(NOW + 5_000, NOW)).toEqual({ key: 'inbox.waiting.minutes', n: 1 });
  });

  it('never says less for a longer wait, and says one in the singular', () => {
    const inMinutes = ({ key, n }: ReturnType<typeof waitingTime>) =>
      n * (key.endsWith('days') ? 24 * 60 : key.includes('hour') ? 60 : 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 400 * DAY }), (a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        expect(inMinutes(waitingTime(NOW - shorter, NOW))).toBeLessThanOrEqual(inMinutes(waitingTime(NOW - longer, NOW)));
        const { key, n } = waitingTime(NOW - a, NOW);
        expect(interpolate(TEXTS.de[key], { n })).toMatch(
          n === 1 ? /seit 1 (Minute|Stunde)$/ : /seit \d+ (Minuten|Stunden|Tagen)$/,
        );
      }),
    );
  });
});

import { berlinWallTime, instantOfBerlinWallTime, isPublicHoliday, type Bundesland } from '@anliegen/shared';
import type { Random } from './random.js';

/**
 * When things plausibly happen in a German town hall (Berlin time): calls and counter visits only while the phones
 * and the counter are staffed, staff answers on working days, mails and web forms at any hour but mostly by day.
 * No public holidays for anything staff do.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const HOLIDAYS: Bundesland = 'NW';

/** Opening windows per ISO weekday (1 = Monday), as [from, to) minutes after midnight. */
export type Windows = Record<number, readonly (readonly [number, number])[]>;

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const weekdays = (window: readonly [number, number], friday = window) => ({
  1: [window],
  2: [window],
  3: [window],
  4: [window],
  5: [friday],
});

/** Calls are answered Monday to Thursday 8–17, Friday 8–14. */
export const PHONE_HOURS: Windows = weekdays([h(8), h(17)], [h(8), h(14)]);
/** The counter: Monday to Friday 8–12, Thursday also 14–18. */
export const COUNTER_HOURS: Windows = {
  1: [[h(8), h(12)]],
  2: [[h(8), h(12)]],
  3: [[h(8), h(12)]],
  4: [
    [h(8), h(12)],
    [h(14), h(18)],
  ],
  5: [[h(8), h(12)]],
};
/** Staff answer mails, call back and write notes Monday to Thursday 7:30–16:30, Friday until 13:30. */
export const STAFF_HOURS: Windows = weekdays([h(7, 30), h(16, 30)], [h(7, 30), h(13, 30)]);

/** Berlin days since 1970 and ISO weekday of a wall time. */
function dayOf(wall: number) {
  const day = Math.floor(wall / DAY);
  return { day, weekday: new Date(day * DAY).getUTCDay() || 7 };
}

/**
 * A moment in the windows, at or after `earliest`: the first open window from there, a uniformly random minute in
 * it (from `earliest` on when the window is already open). Never on a public holiday.
 */
export function inWindows(random: Random, earliest: number, windows: Windows): number {
  const wallEarliest = berlinWallTime(earliest);
  for (let { day } = dayOf(wallEarliest), tries = 0; tries < 30; day++, tries++) {
    const weekday = new Date(day * DAY).getUTCDay() || 7;
    const open = windows[weekday];
    if (!open || isPublicHoliday(day * DAY + 12 * 60 * MINUTE - 2 * 60 * MINUTE, HOLIDAYS)) continue;
    for (const [from, to] of open) {
      const start = Math.max(day * DAY + from * MINUTE, wallEarliest);
      const end = day * DAY + to * MINUTE;
      if (start >= end - MINUTE) continue;
      // Whole minutes, a little more likely early in the window (most people call soon after opening).
      const offset = Math.floor(random.next() ** 1.3 * ((end - start) / MINUTE - 1)) * MINUTE;
      const wall = Math.ceil((start + offset) / MINUTE) * MINUTE + random.int(0, 59) * 1000;
      return instantOfBerlinWallTime(Math.min(wall, end - 1000));
    }
  }
  throw new Error('no opening within 30 days');
}

/** Hours of the day people write mails and fill in forms: hardly at night, most in the morning and the evening. */
const WRITING_HOURS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1.5, 4, 7, 9, 9, 8, 7, 7, 7, 7, 6, 6, 7, 8, 8, 6, 4, 2];
const WRITING_TOTAL = WRITING_HOURS.reduce((sum, weight) => sum + weight, 0);

/**
 * A moment someone writes, at or after `earliest`: on the day of `earliest` (or a later one when that day's remaining
 * hours lose the draw), at an hour weighted by WRITING_HOURS; weekends a little quieter.
 */
export function whenWriting(random: Random, earliest: number): number {
  const wallEarliest = berlinWallTime(earliest);
  let { day, weekday } = dayOf(wallEarliest);
  for (let tries = 0; tries < 14; tries++, day++, weekday = (weekday % 7) + 1) {
    if (weekday >= 6 && random.chance(0.35)) continue;
    let roll = random.next() * WRITING_TOTAL;
    let hour = 0;
    while (roll >= WRITING_HOURS[hour]! && hour < 23) roll -= WRITING_HOURS[hour++]!;
    const wall = day * DAY + hour * 60 * MINUTE + random.int(0, 59) * MINUTE + random.int(0, 59) * 1000;
    if (wall >= wallEarliest) return instantOfBerlinWallTime(wall);
  }
  return instantOfBerlinWallTime(wallEarliest + random.int(1, 59) * MINUTE);
}

export type Moment = 'phone' | 'counter' | 'staff' | 'writing';

const WINDOWS: Record<Exclude<Moment, 'writing'>, Windows> = { phone: PHONE_HOURS, counter: COUNTER_HOURS, staff: STAFF_HOURS };

/** The next plausible moment of this kind at or after `earliest`. */
export function nextMoment(random: Random, kind: Moment, earliest: number): number {
  return kind === 'writing' ? whenWriting(random, earliest) : inWindows(random, earliest, WINDOWS[kind]);
}

/**
 * A plausible moment of this kind around `target` and not after `latest`: the next one from `target`, or when that is
 * too late, one in the week before `latest` (searched day by day backwards). Null when there is none (a very short
 * stretch of time over a weekend).
 */
export function momentNear(random: Random, kind: Moment, target: number, latest: number): number | null {
  const next = nextMoment(random, kind, target);
  if (next <= latest) return next;
  for (let back = 1; back <= 10; back++) {
    const moment = nextMoment(random, kind, latest - back * DAY);
    if (moment <= latest) return moment;
  }
  return null;
}

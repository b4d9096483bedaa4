/** The administration's calendar: a municipality's "1 March" starts at midnight in Germany, not in UTC. */
const TIME_ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** How far Berlin's clock is ahead of UTC at `epochMs` (one or two hours). */
function offsetAt(epochMs: number): number {
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.formatToParts(epochMs).find((part) => part.type === type)?.value);
  const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return wall - (epochMs - (epochMs % 1000));
}

/** Midnight at the start of a calendar day (YYYY-MM-DD) in Berlin, as epoch milliseconds. */
export function berlinMidnight(isoDay: string): number {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, day);
  // Clocks change at 2 or 3 o'clock, so the offset just before midnight is the offset at midnight.
  return utcMidnight - offsetAt(utcMidnight - offsetAt(utcMidnight));
}

/** Inclusive first and last days as a half-open range of instants: [start of first day, start of the day after last). */
export function berlinDayRange(firstDay?: string, lastDay?: string): { start?: number; end?: number } {
  const dayAfter = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...(firstDay && { start: berlinMidnight(firstDay) }),
    ...(lastDay && { end: berlinMidnight(dayAfter(lastDay)) }),
  };
}

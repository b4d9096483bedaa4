import { berlinMidnight } from '@anliegen/shared';

/** Inclusive first and last days as a half-open range of instants: [start of first day, start of the day after last). */
export function berlinDayRange(firstDay?: string, lastDay?: string): { start?: number; end?: number } {
  const dayAfter = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...(firstDay && { start: berlinMidnight(firstDay) }),
    ...(lastDay && { end: berlinMidnight(dayAfter(lastDay)) }),
  };
}

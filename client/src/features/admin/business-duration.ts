import type { Translate } from '../../i18n/i18n';

/** SLA targets are business minutes; people think in working days of 8 hours (the default opening hours). */
export const WORKING_DAY_MINUTES = 8 * 60;

/** 480 → "1 Tag", 1200 → "2 Tage 4 Std.", 90 → "1 Std. 30 Min." */
export function formatBusinessMinutes(minutes: number, t: Translate, formatNumber: (n: number) => string): string {
  const days = Math.floor(minutes / WORKING_DAY_MINUTES);
  const hours = Math.floor((minutes % WORKING_DAY_MINUTES) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(days === 1 ? t('duration.day') : t('duration.days', { n: formatNumber(days) }));
  if (hours > 0) parts.push(t('duration.hours', { n: formatNumber(hours) }));
  if (rest > 0 || parts.length === 0) parts.push(t('duration.minutes', { n: formatNumber(rest) }));
  return parts.join(' ');
}

/** Hours as typed (decimals allowed, empty = no target) → whole minutes, the unit the API takes. */
export function hoursToMinutes(hours: number | string): number | null {
  if (hours === '' || hours === null) return null;
  const value = typeof hours === 'number' ? hours : Number(String(hours).replace(',', '.'));
  return Number.isFinite(value) ? Math.round(value * 60) : Number.NaN;
}

/** Minutes → hours for the input, to two decimals. */
export function minutesToHours(minutes: number | null): number | '' {
  return minutes === null ? '' : Math.round((minutes / 60) * 100) / 100;
}

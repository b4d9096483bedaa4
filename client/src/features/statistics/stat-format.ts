import { formatIsoDay, LANGUAGE_TAGS, type Locale } from '@anliegen/shared';
import type { Translate } from '../../i18n/i18n';

/** Business durations are counted in working days of 8 hours (the default opening hours Monday–Friday 8–16). */
export const WORKING_DAY_MINUTES = 8 * 60;

/**
 * Business minutes in words, to the precision a reader needs: 45 → "45 Min.", 150 → "2 Std. 30 Min.",
 * 600 → "1 Tag 2 Std." (a day is 8 business hours; beyond a day, minutes are rounded away).
 */
export function formatBusinessDuration(minutes: number, t: Translate, formatNumber: (n: number) => string): string {
  const total = Math.round(minutes);
  if (total >= WORKING_DAY_MINUTES) {
    const days = Math.floor(total / WORKING_DAY_MINUTES);
    const hours = Math.round((total % WORKING_DAY_MINUTES) / 60);
    // 7 h 40 min rounds to a whole further day.
    const [d, h] = hours === 8 ? [days + 1, 0] : [days, hours];
    const dayText = d === 1 ? t('duration.day') : t('duration.days', { n: formatNumber(d) });
    return h > 0 ? `${dayText} ${t('duration.hours', { n: formatNumber(h) })}` : dayText;
  }
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(t('duration.hours', { n: formatNumber(hours) }));
  if (rest > 0 || hours === 0) parts.push(t('duration.minutes', { n: formatNumber(rest) }));
  return parts.join(' ');
}

/** A rate 0…1 as "87,5 %" (German) or "87.5%" (English). */
export function percentFormatter(locale: Locale): (rate: number) => string {
  const format = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { style: 'percent', maximumFractionDigits: 1 });
  return (rate) => format.format(rate);
}

/** An ISO calendar day ("2026-03-31") as a date in the user's language ("31.03.2026"). */
export function dayFormatter(locale: Locale): (isoDay: string) => string {
  return (isoDay) => formatIsoDay(isoDay, locale);
}

/**
 * The server's period keys in words: "2026-03-02" (day) → "02.03.2026", "2026-W10" → "KW 10/2026",
 * "2026-03" → "März 2026". `short` drops what the axis does not need ("02.03.", "KW 10", "Mär 26").
 */
export function periodFormatter(locale: Locale, t: Translate, short = false): (period: string) => string {
  const day: Intl.DateTimeFormatOptions = short ? { day: '2-digit', month: '2-digit' } : { dateStyle: 'medium' };
  const month: Intl.DateTimeFormatOptions = short ? { month: 'short', year: '2-digit' } : { month: 'long', year: 'numeric' };
  return (period) => {
    const week = /^(\d{4})-W(\d{2})$/.exec(period);
    if (week) {
      const n = Number(week[2]);
      return short ? t('stats.weekShort', { week: n }) : t('stats.week', { week: n, year: week[1]! });
    }
    return formatIsoDay(period, locale, /^\d{4}-\d{2}$/.test(period) ? month : day);
  };
}

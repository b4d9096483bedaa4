export type WaitingKey = 'inbox.waiting.minutes' | 'inbox.waiting.hours' | 'inbox.waiting.days';

const MINUTE_MS = 60_000;

/**
 * How long a citizen has been waiting for an answer ("wartet seit 3 Stunden"), in the unit a reader takes in at a
 * glance: minutes (at least one) under an hour, whole hours under two days, then whole days. Never rounded up: a
 * citizen who has waited 47 hours has not waited two days.
 */
export function waitingTime(since: number, now: number): { key: WaitingKey; n: number } {
  const minutes = Math.max(1, Math.floor((now - since) / MINUTE_MS));
  if (minutes < 60) return { key: 'inbox.waiting.minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: 'inbox.waiting.hours', n: hours };
  return { key: 'inbox.waiting.days', n: Math.floor(hours / 24) };
}

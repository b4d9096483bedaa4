import { type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.js';

/**
 * Mails that are not out yet: queued or being sent (`pending`, `sending`) or given up (`failed`), written exactly as
 * the predicate of the partial index `interactions_mail_queue_idx` (migration 20261207000000_mail_queue), with literal
 * values: SQLite uses a partial index only when the query repeats its predicate.
 */
const MAIL_NOT_OUT = sql<SqlBool>`interactions.delivery_status in ('pending', 'sending', 'failed')`;

/** A failed mail counts as a sign of trouble this long; after that, its case's timeline still shows it. */
export const FAILED_RECENT_MS = 7 * 24 * 3_600_000;
/**
 * A mail still waiting after this long, with a relay configured, means sending fails (the worker sends every few
 * seconds and retries after 1, 5, 15 and 60 minutes) or the worker does not run.
 */
export const STUCK_AFTER_MS = 15 * 60_000;

/**
 * `ok`: mail goes out. `notConfigured`: no SMTP_URL, replies and confirmations wait until it is set. `failing`: mails
 * failed (within FAILED_RECENT_MS) or wait longer than STUCK_AFTER_MS.
 */
export type MailState = 'ok' | 'notConfigured' | 'failing';

export interface MailStatus {
  configured: boolean;
  state: MailState;
  /** Mails queued or being sent. */
  waiting: number;
  /** Mails given up on (after the last retry, or returned as undeliverable) within FAILED_RECENT_MS. */
  failed: number;
  /** Age in whole minutes of the oldest of these mails, or null when there are none. */
  oldestMinutes: number | null;
}

/** The mails not out yet (recent failures only), counted by state, with the oldest of each. */
export function mailNotOut(db: DB, now: number) {
  return db
    .selectFrom('interactions')
    .select((eb) => [
      'interactions.delivery_status as status',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn.min<number | string>('interactions.occurred_at').as('oldest'),
    ])
    .where(MAIL_NOT_OUT)
    .where((eb) =>
      eb.or([eb('interactions.delivery_status', '<>', 'failed'), eb('interactions.occurred_at', '>=', now - FAILED_RECENT_MS)]),
    )
    .groupBy('interactions.delivery_status');
}

/**
 * Whether outgoing mail works, as staff need to know it: counts and an age, no addresses and no texts (every signed-in
 * user may ask). Reads only the mails that are not out yet, through their partial index.
 */
export async function outgoingMailStatus(db: DB, configured: boolean, now = Date.now()): Promise<MailStatus> {
  const rows = await mailNotOut(db, now).execute();
  const of = (...statuses: string[]) => rows.filter((row) => statuses.includes(row.status ?? ''));
  const count = (...statuses: string[]) => of(...statuses).reduce((sum, row) => sum + Number(row.count), 0);
  const oldestOf = (...statuses: string[]) => {
    const times = of(...statuses).map((row) => Number(row.oldest));
    return times.length > 0 ? Math.min(...times) : null;
  };
  const waiting = count('pending', 'sending');
  const failed = count('failed');
  const oldestWaiting = oldestOf('pending', 'sending');
  const oldest = oldestOf('pending', 'sending', 'failed');
  const stuck = oldestWaiting !== null && now - oldestWaiting >= STUCK_AFTER_MS;
  return {
    configured,
    state: !configured ? 'notConfigured' : failed > 0 || stuck ? 'failing' : 'ok',
    waiting,
    failed,
    oldestMinutes: oldest === null ? null : Math.max(0, Math.floor((now - oldest) / 60_000)),
  };
}

/**
 * For the metrics: mails waiting (queued or being sent), mails failed within FAILED_RECENT_MS, and when the oldest
 * waiting one was queued (epoch ms, null when none waits). The same indexed read as outgoingMailStatus.
 */
export async function mailBacklog(
  db: DB,
  now = Date.now(),
): Promise<{ pending: number; failed: number; oldestPendingAt: number | null }> {
  const rows = await mailNotOut(db, now).execute();
  const waiting = rows.filter((row) => row.status !== 'failed');
  return {
    pending: waiting.reduce((sum, row) => sum + Number(row.count), 0),
    failed: rows.filter((row) => row.status === 'failed').reduce((sum, row) => sum + Number(row.count), 0),
    oldestPendingAt: waiting.length > 0 ? Math.min(...waiting.map((row) => Number(row.oldest))) : null,
  };
}

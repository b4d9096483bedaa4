import { sql } from 'kysely';
import type { DB } from '../../db/database.js';

/**
 * Counts one login attempt for the key before its password is checked, in one statement, so concurrent attempts
 * cannot all pass a lock that none of them has set yet (issue 14: 40 at once got up to 32 checks for a limit of 5).
 * The attempt that reaches `maxFailures` sets the lock; later ones only count. An expired lock starts a fresh count.
 * Returns the attempt's number in the current count and the lock, if any: numbers above `maxFailures` are refused.
 */
export async function claimLoginAttempt(
  db: DB,
  key: string,
  now: number,
  policy: { maxFailures: number; lockMs: number },
): Promise<{ attempt: number; lockedUntil: number | null }> {
  const lockedUntil = now + policy.lockMs;
  // In SET, every column reads the row as it was before this update (both dialects).
  const expired = sql<boolean>`login_throttles.locked_until <= ${now}`;
  const attempt = sql<number>`case when ${expired} then 1 else login_throttles.failures + 1 end`;
  const row = await db
    .insertInto('login_throttles')
    .values({ key, failures: 1, locked_until: policy.maxFailures <= 1 ? lockedUntil : null, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: attempt,
        locked_until: sql<number | null>`case
          when login_throttles.locked_until > ${now} then login_throttles.locked_until
          when ${attempt} >= ${policy.maxFailures} then ${lockedUntil}
          else null end`,
        updated_at: now,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { attempt: row.failures, lockedUntil: row.locked_until };
}

/** A successful login forgets the count (and a lock it arrived before). */
export async function clearThrottle(db: DB, key: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('key', '=', key).execute();
}

/** Failed logins without a lock are forgotten after a day without another attempt. */
export const LOGIN_FAILURES_KEPT_MS = 86_400_000;

/**
 * Forgets the counts that hold nothing back any more (they name what was typed, often an email address): a lock that
 * has run out (the next attempt would start a fresh count anyway), and failures without a lock after
 * LOGIN_FAILURES_KEPT_MS without another attempt. A running lock stays. Returns how many.
 */
export async function deleteStaleLoginThrottles(db: DB, now: number): Promise<number> {
  const result = await db
    .deleteFrom('login_throttles')
    .where((eb) =>
      eb.or([
        eb('locked_until', '<=', now),
        eb.and([eb('locked_until', 'is', null), eb('updated_at', '<=', now - LOGIN_FAILURES_KEPT_MS)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import type { DB } from '../../db/database.js';

export function findThrottle(db: DB, key: string) {
  return db.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Counts one failure; locks the key once `maxFailures` is reached. Returns the new state. */
export async function recordFailure(
  db: DB,
  key: string,
  now: number,
  policy: { maxFailures: number; lockMs: number },
): Promise<{ failures: number; lockedUntil: number | null }> {
  const row = await db
    .insertInto('login_throttles')
    .values({ key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ failures: eb('login_throttles.failures', '+', 1), updated_at: now })),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  if (row.failures < policy.maxFailures) return { failures: row.failures, lockedUntil: null };
  const lockedUntil = now + policy.lockMs;
  // The lock starts a fresh count: after it expires, the next failures lock again.
  await db.updateTable('login_throttles').set({ failures: 0, locked_until: lockedUntil }).where('key', '=', key).execute();
  return { failures: row.failures, lockedUntil };
}

export async function clearThrottle(db: DB, key: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('key', '=', key).execute();
}

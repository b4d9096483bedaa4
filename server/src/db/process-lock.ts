import { sql } from 'kysely';
import type { DB } from './database.js';
import { dialectOf } from './dialect.js';

/** The first key of our PostgreSQL advisory locks (the second is the name's hash); Kysely's migration lock uses one key. */
const LOCK_SPACE = 0x616e6c; // "anl"

/** Locks taken in this process, per database handle: the whole story on SQLite, which has one server process. */
const heldHere = new WeakMap<DB, Map<string, Promise<void>>>();

async function inThisProcess<T>(db: DB, name: string, wait: boolean, work: () => Promise<T>): Promise<{ value: T } | null> {
  let held = heldHere.get(db);
  if (!held) {
    held = new Map();
    heldHere.set(db, held);
  }
  if (!wait && held.has(name)) return null;
  for (let current = held.get(name); current; current = held.get(name)) await current;
  let release = () => {};
  held.set(name, new Promise<void>((resolve) => (release = resolve)));
  try {
    return { value: await work() };
  } finally {
    held.delete(name);
    release();
  }
}

/**
 * A PostgreSQL advisory lock held by one pooled connection while `work` runs (on other connections): it spans every
 * server process on the database, and PostgreSQL drops it if the process dies.
 */
async function acrossProcesses<T>(db: DB, name: string, wait: boolean, work: () => Promise<T>): Promise<{ value: T } | null> {
  return db.connection().execute(async (connection) => {
    if (wait) await sql`select pg_advisory_lock(${LOCK_SPACE}, hashtext(${name}))`.execute(connection);
    else {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_lock(${LOCK_SPACE}, hashtext(${name})) as locked`.execute(connection);
      if (!rows[0]?.locked) return null;
    }
    try {
      return { value: await work() };
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_SPACE}, hashtext(${name}))`.execute(connection);
    }
  });
}

function locked<T>(db: DB, name: string, wait: boolean, work: () => Promise<T>) {
  return dialectOf(db) === 'postgres' ? acrossProcesses(db, name, wait, work) : inThisProcess(db, name, wait, work);
}

/** Runs `work` once no other server process (or caller here) runs work under the same name, waiting for it. */
export async function whileLocked<T>(db: DB, name: string, work: () => Promise<T>): Promise<T> {
  // Waiting never skips: there is always a result.
  return (await locked(db, name, true, work))!.value;
}

/** Runs `work` unless another server process (or caller here) runs work under the same name now; then `null`. */
export async function unlessLocked<T>(db: DB, name: string, work: () => Promise<T>): Promise<{ value: T } | null> {
  return locked(db, name, false, work);
}

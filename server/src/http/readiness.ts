import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { probeDatabaseWrite, type DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';

/** A file written, flushed and removed: fails on a full disk, a read-only mount, or a file where the directory should be. */
async function probeDirectoryWrite(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `.readyz-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(path, 'wx');
  try {
    await file.write(randomBytes(512));
    await file.sync();
  } finally {
    await file.close();
    await unlink(path);
  }
}

export type Readiness = () => Promise<string | null>;

/**
 * Ready means able to store what comes in: the database takes a write (SQLite: its directory a file, too, since a
 * rolled-back write never reaches the disk) and the attachment store takes a file. Answers null when ready, else a
 * short reason for /readyz. The cause is logged once per incident, and once more when it is over; probes that arrive
 * while one runs share its answer.
 */
export function createReadiness(deps: { db: DB; env: Env; log: Logger; isReady: () => boolean }): Readiness {
  const { db, env, log } = deps;
  const sqliteDir = !env.DATABASE_URL && env.SQLITE_PATH !== ':memory:' ? dirname(env.SQLITE_PATH) : null;
  const checks: { reason: string; probe: () => Promise<void> }[] = [
    { reason: 'database not writable', probe: () => probeDatabaseWrite(db) },
    ...(sqliteDir ? [{ reason: 'database not writable', probe: () => probeDirectoryWrite(sqliteDir) }] : []),
    { reason: 'attachments not writable', probe: () => probeDirectoryWrite(env.ATTACHMENTS_DIR) },
  ];
  let incident: string | null = null;
  let running: Promise<string | null> | null = null;

  const probe = async (): Promise<string | null> => {
    for (const check of checks) {
      try {
        await check.probe();
      } catch (err) {
        if (incident !== check.reason) log.error({ err, reason: check.reason }, `not ready: ${check.reason}`);
        incident = check.reason;
        return check.reason;
      }
    }
    if (incident) log.info({ reason: incident }, 'ready again');
    incident = null;
    return null;
  };

  return async () => {
    // Starting or shutting down is no incident: nothing to log.
    if (!deps.isReady()) return 'starting or stopping';
    running ??= probe().finally(() => {
      running = null;
    });
    return running;
  };
}

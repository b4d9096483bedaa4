import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { probeDatabaseWrite, type DB } from '../db/database.js';
import { isDatabaseConnectionFailure } from '../db/unavailable.js';
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

/** A check that has not answered by then fails: a database behind a cut network must not hold the probe. */
export const PROBE_TIMEOUT_MS = 4000;

class ProbeTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

function withinTimeout(probe: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms);
  });
  // The probe left behind ends by itself (the pool's connection timeout); its late failure is nobody's business.
  probe.catch(() => undefined);
  return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready means able to store what comes in: the database takes a write (SQLite: its directory a file, too, since a
 * rolled-back write never reaches the disk) and the attachment store takes a file. Answers null when ready, else a
 * short reason for /readyz. The cause is logged once per incident, and once more when it is over; probes that arrive
 * while one runs share its answer.
 */
export function createReadiness(deps: {
  db: DB;
  env: Env;
  log: Logger;
  isReady: () => boolean;
  probeTimeoutMs?: number;
}): Readiness {
  const { db, env, log } = deps;
  const sqliteDir = !env.DATABASE_URL && env.SQLITE_PATH !== ':memory:' ? dirname(env.SQLITE_PATH) : null;
  const checks: { reason: string; probe: () => Promise<void>; unreachable?: string }[] = [
    // Stopped, restarting, or not answering at all: "unreachable"; answering but refusing writes: "not writable".
    { reason: 'database not writable', probe: () => probeDatabaseWrite(db), unreachable: 'database unreachable' },
    ...(sqliteDir ? [{ reason: 'database not writable', probe: () => probeDirectoryWrite(sqliteDir) }] : []),
    { reason: 'attachments not writable', probe: () => probeDirectoryWrite(env.ATTACHMENTS_DIR) },
  ];
  let incident: string | null = null;
  let running: Promise<string | null> | null = null;

  const probe = async (): Promise<string | null> => {
    for (const check of checks) {
      try {
        await withinTimeout(check.probe(), deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS);
      } catch (err) {
        const reason = check.unreachable && isDatabaseConnectionFailure(err) ? check.unreachable : check.reason;
        if (incident !== reason) log.error({ err, reason }, `not ready: ${reason}`);
        incident = reason;
        return reason;
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

import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { referencedFiles } from '../modules/privacy/anonymise.js';
import { sweepOrphanedFiles } from '../storage/file-sweep.js';
import { type JobResult, startPeriodic } from './periodic.js';

/** How often the attachment store is swept: it reads every file's time, so not every hour. */
export const FILE_SWEEP_INTERVAL_MS = 6 * 3_600_000;

/** One sweep of the attachment store (storage/file-sweep.ts): files no row refers to, older than an hour, go. */
export async function sweepAttachmentStore(db: DB, attachmentsDir: string, now: number): Promise<JobResult> {
  const swept = await sweepOrphanedFiles(attachmentsDir, { now, referenced: (sha256s) => referencedFiles(db, sha256s) });
  return { counts: { ...swept } };
}

/**
 * Every six hours (not at start: a server restarted daily still runs it): deletes the attachment store's files that
 * nothing refers to any more. One server process at a time (they share ATTACHMENTS_DIR); deleting a file twice is
 * harmless anyway. Returns a stop function.
 */
export function startFileSweep(db: DB, env: Env, log: Logger): () => void {
  return startPeriodic(
    'file-sweep',
    FILE_SWEEP_INTERVAL_MS,
    log,
    () => sweepAttachmentStore(db, env.ATTACHMENTS_DIR, Date.now()),
    {
      oneProcessOn: db,
    },
  );
}

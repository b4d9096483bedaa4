import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { deleteExpiredUploads } from '../modules/uploads/uploads.service.js';
import { type JobResult, startPeriodic } from './periodic.js';

/**
 * Every hour: deletes files caseworkers uploaded for a reply and never sent (older than a day, UPLOAD_TTL_MS), and
 * their stored content unless another message uses the same file; counts `uploads` and `files`. Returns a stop function.
 */
export function startUploadCleanup(db: DB, env: Env, log: Logger): () => void {
  return startPeriodic(
    'upload-cleanup',
    3_600_000,
    log,
    async (): Promise<JobResult> => ({ counts: await deleteExpiredUploads(db, env.ATTACHMENTS_DIR, Date.now()) }),
    { runNow: true },
  );
}

import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { deleteExpiredUploads } from '../modules/uploads/uploads.service.js';
import { startPeriodic } from './periodic.js';

/**
 * Every hour: deletes files caseworkers uploaded for a reply and never sent (older than a day, UPLOAD_TTL_MS), and
 * their stored content unless another message uses the same file. Returns a stop function.
 */
export function startUploadCleanup(db: DB, env: Env, log: Logger): () => void {
  return startPeriodic(
    'upload-cleanup',
    3_600_000,
    log,
    async () => {
      const deleted = await deleteExpiredUploads(db, env.ATTACHMENTS_DIR, Date.now());
      if (deleted > 0) log.info({ deleted }, 'unsent uploads deleted');
    },
    { runNow: true },
  );
}

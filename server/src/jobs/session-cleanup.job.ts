import type { DB } from '../db/database.js';
import type { Logger } from '../logger.js';
import { deleteExpiredSessions } from '../modules/auth/sessions.repo.js';
import { startPeriodic } from './periodic.js';

/** Removes expired sessions every hour; returns a stop function for shutdown. */
export function startSessionCleanup(db: DB, log: Logger): () => void {
  return startPeriodic('session-cleanup', 3_600_000, log, () => deleteExpiredSessions(db, Date.now()), { runNow: true });
}

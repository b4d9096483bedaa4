import type { DB } from '../db/database.js';
import type { Logger } from '../logger.js';
import { deleteExpiredSessions } from '../modules/auth/sessions.repo.js';

/** Removes expired sessions every hour; returns a stop function for shutdown. */
export function startSessionCleanup(db: DB, log: Logger): () => void {
  const run = () => deleteExpiredSessions(db, Date.now()).catch((err) => log.error({ err }, 'session cleanup failed'));
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}

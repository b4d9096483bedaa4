import type { DB } from '../db/database.js';
import type { Logger } from '../logger.js';
import { pruneAutomaticMailThrottle } from '../channels/email/outbound-mail.service.js';
import { deleteExpiredFormTokens } from '../channels/webform/webform.service.js';
import { deleteExpiredSessions } from '../modules/auth/sessions.service.js';
import { startPeriodic } from './periodic.js';

/**
 * Every hour: removes expired sessions, the automatic-mail throttle entries that no longer hold anything back
 * (they name addresses) and the used web form tokens that have expired; returns a stop function for shutdown.
 */
export function startSessionCleanup(db: DB, log: Logger): () => void {
  return startPeriodic(
    'session-cleanup',
    3_600_000,
    log,
    async () => {
      const now = Date.now();
      await deleteExpiredSessions(db, now);
      await pruneAutomaticMailThrottle(db, now);
      await deleteExpiredFormTokens(db, now);
    },
    { runNow: true },
  );
}

import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { pruneAutomaticMailThrottle } from '../channels/email/outbound-mail.service.js';
import { removeStatusLinksFromSentMail } from '../channels/webform/status-link.js';
import { deleteExpiredFormTokens } from '../channels/webform/webform.service.js';
import { deleteExpiredSessions, deleteStaleLoginThrottles } from '../modules/auth/sessions.service.js';
import { type JobResult, startPeriodic } from './periodic.js';

const DAY_MS = 86_400_000;

/**
 * One clean-up of what has expired: sessions (with their CSRF tokens), login throttles that hold nothing back, the
 * used web form tokens past their expiry, the automatic-mail throttle entries past the hour (they name addresses), and
 * the status link in sent confirmations' stored copies after `confirmationLinkDays`. Every step deletes or changes only
 * what its condition names, so two processes doing it at once do it once. Returns the counts.
 */
export async function cleanUpExpired(db: DB, now: number, options: { confirmationLinkDays: number }): Promise<JobResult> {
  return {
    counts: {
      sessions: await deleteExpiredSessions(db, now),
      loginThrottles: await deleteStaleLoginThrottles(db, now),
      formTokens: await deleteExpiredFormTokens(db, now),
      mailThrottles: await pruneAutomaticMailThrottle(db, now),
      confirmationLinks: await removeStatusLinksFromSentMail(db, now - options.confirmationLinkDays * DAY_MS),
    },
  };
}

/** Every hour, and at start: cleanUpExpired. Returns a stop function for shutdown. */
export function startSessionCleanup(db: DB, env: Env, log: Logger): () => void {
  return startPeriodic(
    'session-cleanup',
    3_600_000,
    log,
    () => cleanUpExpired(db, Date.now(), { confirmationLinkDays: env.CONFIRMATION_LINK_DAYS }),
    { runNow: true },
  );
}

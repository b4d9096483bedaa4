import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { pollMailbox } from '../channels/email/imap-poller.js';
import { startPeriodic } from './periodic.js';

/**
 * Polls IMAP_URL every IMAP_POLL_SECONDS when it is set, on one server process at a time (the Message-ID would
 * store a mail fetched by two processes once, but both would fetch and parse it). Returns a stop function.
 */
export function startImapPolling(db: DB, env: Env, log: Logger): () => void {
  const url = env.IMAP_URL;
  if (!url) return () => {};
  return startPeriodic(
    'imap-poll',
    env.IMAP_POLL_SECONDS * 1000,
    log,
    async () => {
      const counts = await pollMailbox(db, {
        url,
        attachmentsDir: env.ATTACHMENTS_DIR,
        publicUrl: env.publicUrl,
        maxBytes: env.MAIL_MAX_BYTES,
        log,
      });
      if (counts.stored + counts.duplicates + counts.failed > 0) log.info(counts, 'mailbox polled');
    },
    { runNow: true, oneProcessOn: db },
  );
}

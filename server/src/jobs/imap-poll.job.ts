import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { pollMailbox } from '../channels/email/imap-poller.js';

/** Polls IMAP_URL every IMAP_POLL_SECONDS when it is set; runs never overlap. Returns a stop function. */
export function startImapPolling(db: DB, env: Env, log: Logger): () => void {
  const url = env.IMAP_URL;
  if (!url) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const counts = await pollMailbox(db, { url, attachmentsDir: env.ATTACHMENTS_DIR, maxBytes: env.MAIL_MAX_BYTES, log });
      if (counts.stored + counts.ignored + counts.failed > 0) log.info(counts, 'mailbox polled');
    } catch (err) {
      log.error({ err }, 'mailbox could not be polled');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), env.IMAP_POLL_SECONDS * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

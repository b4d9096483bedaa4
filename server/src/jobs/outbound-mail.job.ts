import nodemailer from 'nodemailer';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { sendDueReplies } from '../channels/email/outbound-mail.service.js';
import { type JobResult, startPeriodic } from './periodic.js';

/**
 * Sends queued replies every few seconds. Without SMTP_URL, replies stay queued (sent once it is set) and the log says so
 * once; the app tells staff and citizens the same (mail.status, the web form's confirmation).
 */
export function startOutboundMail(db: DB, env: Env, log: Logger): () => void {
  if (!env.SMTP_URL) {
    log.warn('SMTP_URL is not set: replies to citizens are queued but not sent');
    return () => {};
  }
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const stop = startPeriodic(
    'outbound-mail',
    env.OUTBOUND_MAIL_INTERVAL_SECONDS * 1000,
    log,
    async (): Promise<JobResult> => ({
      counts: {
        sent: await sendDueReplies(db, {
          transport,
          from: env.MAIL_FROM,
          log,
          attachmentsDir: env.ATTACHMENTS_DIR,
          publicUrl: env.publicUrl,
        }),
      },
    }),
  );
  return () => {
    stop();
    transport.close();
  };
}

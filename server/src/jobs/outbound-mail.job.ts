import nodemailer from 'nodemailer';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { sendDueReplies } from '../channels/email/outbound-mail.service.js';

/** Sends queued replies every few seconds. Without SMTP_URL, replies stay queued and the log says so once. */
export function startOutboundMail(db: DB, env: Env, log: Logger): () => void {
  if (!env.SMTP_URL) {
    log.warn('SMTP_URL is not set: replies to citizens are queued but not sent');
    return () => {};
  }
  const transport = nodemailer.createTransport(env.SMTP_URL);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sendDueReplies(db, { transport, from: env.MAIL_FROM, log });
    } catch (err) {
      log.error({ err }, 'outgoing mail run failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), env.OUTBOUND_MAIL_INTERVAL_SECONDS * 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    transport.close();
  };
}

import nodemailer from 'nodemailer';
import type { DB } from '../db/database.js';
import { now } from '../domain/clock.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { queueWeeklyReport, sendDueWeeklyReports } from '../modules/reports/reports.service.js';
import { startPeriodic } from './periodic.js';

/**
 * The weekly statistics report by email (modules/reports): at start and every five minutes, last week's report is
 * made if no process has made it yet (from Monday 00:00 in Berlin), and due mails are sent or retried. Each process
 * may run it: the week and every mail are claimed in the database. Under a test clock (TEST_CLOCK_FILE) every
 * second. Without SMTP_URL nothing is made or queued, the log says so once, and the statistics page tells the
 * recipients (reports.mySetting) and admins (reports.recipients). Uses the same SMTP relay as replies, with a
 * transport of its own.
 */
export function startWeeklyReports(db: DB, env: Env, log: Logger): () => void {
  if (!env.SMTP_URL) {
    log.warn('SMTP_URL is not set: no weekly statistics reports are sent');
    return () => {};
  }
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const options = { transport, from: env.MAIL_FROM, publicUrl: env.publicUrl, log };
  const stop = startPeriodic(
    'weekly-report',
    env.TEST_CLOCK_FILE ? 1_000 : 5 * 60_000,
    log,
    async () => {
      const at = now();
      const { week, queued } = await queueWeeklyReport(db, at);
      if (queued !== null) log.info({ week: week.monday, recipients: queued }, 'weekly report queued');
      const outcome = await sendDueWeeklyReports(db, options, at);
      if (outcome.sent + outcome.retried + outcome.failed + outcome.skipped > 0) log.info(outcome, 'weekly report mails');
    },
    { runNow: true },
  );
  return () => {
    stop();
    transport.close();
  };
}

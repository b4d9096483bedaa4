import { formatIsoDay, formatNumberIn, type Locale, type Role } from '@anliegen/shared';
import type { Transporter } from 'nodemailer';
import type { DB } from '../../db/database.js';
import { type Actor, NO_ACTOR } from '../../domain/actor.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { Logger } from '../../logger.js';
import type { SessionUser } from '../../trpc/context.js';
import { dashboard } from '../statistics/statistics.service.js';
import { teamsOfUsers } from '../users/users.service.js';
import { lastCalendarWeek, type ReportWeek } from './report-week.js';
import {
  claimDelivery,
  claimWeek,
  dueDeliveries,
  finishDelivery,
  insertDeliveries,
  type REPORT_ROLES,
  reportUsers,
  upsertSetting,
} from './reports.repo.js';
import { weeklyReportFiles } from './weekly-report.csv.js';
import { weeklyReportTexts } from './weekly-report.texts.js';

/**
 * The weekly statistics report by email (issue 16). Every Monday (Berlin time) the figures of the calendar week
 * before go to supervisors (unless they switched it off) and to team leads who switched it on (their teams' figures,
 * as their dashboard shows them), as CSV files for German Excel. One server process makes a week's report (it
 * claims the week's row), each mail is claimed by one process before it is sent, failures are retried after 1, 5,
 * 15 and 60 minutes and then given up. Without SMTP_URL nothing is queued (jobs/weekly-report.job.ts does not run)
 * and the statistics page says so.
 */

export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
/** A mail claimed this long ago and not finished: its process stopped mid-send, another one sends it. */
export const STALE_CLAIM_MS = 15 * 60_000;

export interface ReportSetting {
  /** Whether the signed-in user gets the report. */
  enabled: boolean;
  /** Whether mail goes out at all (SMTP_URL is set); without it no report is sent. */
  mailConfigured: boolean;
  lastSentAt: number | null;
}

export async function reportSettingOf(db: DB, userId: number, mailConfigured: boolean): Promise<ReportSetting> {
  const row = await reportUsers(db).where('users.id', '=', userId).executeTakeFirst();
  return {
    enabled: Number(row?.enabled ?? 0) === 1,
    mailConfigured,
    lastSentAt: row?.lastSentAt == null ? null : Number(row.lastSentAt),
  };
}

export async function setReportSetting(db: DB, actor: Actor & { id: number }, enabled: boolean, now = Date.now()) {
  await unitOfWork(db, actor, async (work) => {
    await upsertSetting(work.db, actor.id, enabled, now);
    await work.audit('user.weekly_report_changed', { entityId: actor.id, details: { enabled } });
  });
}

/** For admins: who may get the report, whether they do, and when it last went out to them. */
export async function reportRecipients(db: DB, mailConfigured: boolean) {
  const rows = await reportUsers(db).orderBy('users.display_name').orderBy('users.id').execute();
  return {
    mailConfigured,
    recipients: rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role as (typeof REPORT_ROLES)[number],
      enabled: Number(row.enabled) === 1,
      lastSentAt: row.lastSentAt == null ? null : Number(row.lastSentAt),
    })),
  };
}

/**
 * Makes last week's report once: the first process to claim the week queues one mail per recipient (in the same
 * transaction); later calls, in this process or another, find the week taken and do nothing.
 */
export async function queueWeeklyReport(db: DB, now: number): Promise<{ week: ReportWeek; queued: number | null }> {
  const week = lastCalendarWeek(now);
  const queued = await unitOfWork(db, NO_ACTOR, async (work) => {
    const recipients = (await reportUsers(work.db).execute()).filter((row) => Number(row.enabled) === 1);
    if (!(await claimWeek(work.db, week.monday, recipients.length, now))) return null;
    await insertDeliveries(
      work.db,
      week.monday,
      recipients.map((row) => row.id),
      now,
    );
    return recipients.length;
  });
  return { week, queued };
}

export interface ReportMailOptions {
  transport: Pick<Transporter, 'sendMail'>;
  from: string;
  /** The app's address, for the link to the statistics page (where the report is switched off). */
  publicUrl: string;
  log?: Logger;
}

const weekOf = (monday: string): ReportWeek => lastCalendarWeek(Date.parse(`${monday}T12:00:00Z`) + 7 * 86_400_000);

async function recipientOf(db: DB, userId: number): Promise<SessionUser | null> {
  const row = await reportUsers(db).where('users.id', '=', userId).executeTakeFirst();
  if (!row || Number(row.enabled) !== 1) return null;
  const teams = await teamsOfUsers(db, [row.id]);
  return {
    id: row.id,
    email: row.email,
    displayName: row.name,
    role: row.role as Role,
    locale: row.locale as Locale,
    // Read by no report: the recipient's statistics, not their keyboard.
    characterShortcuts: true,
    teams: teams.map((team) => ({ id: team.id, name: team.name })),
  };
}

const germanDay = (isoDay: string) => formatIsoDay(isoDay, 'de');
/** A count for the German mail: "1.234". */
const germanCount = (n: number) => formatNumberIn(n, 'de');

/** The mail of one recipient: a short summary in the text and the figures as CSV attachments. */
async function reportMail(db: DB, user: SessionUser, week: ReportWeek, options: ReportMailOptions, now: number) {
  const stats = await dashboard(db, user, { from: week.monday, to: week.sunday, groupBy: 'day' }, now);
  const files = weeklyReportFiles(stats, week);
  const total = (values: number[]) => germanCount(values.reduce((sum, value) => sum + value, 0));
  const weekNumber = Number(week.isoWeek.slice(-2));
  const range = `${germanDay(week.monday)} – ${germanDay(week.sunday)}`;
  const T = weeklyReportTexts.mail;
  const scope = user.role === 'team_lead' ? T.scopeTeams(user.teams.map((team) => team.name).join(', ')) : T.scopeAll;
  const text = [
    T.greeting(user.displayName),
    '',
    T.intro(weekNumber, range, scope),
    `- ${T.opened}: ${total(stats.flow.map((row) => row.opened))}`,
    `- ${T.resolved}: ${total(stats.flow.map((row) => row.resolved))}`,
    `- ${T.openAtEnd}: ${germanCount(stats.backlog[stats.backlog.length - 1]?.open ?? 0)}`,
    `- ${T.contacts}: ${total(stats.contacts.map((row) => row.count))}`,
    '',
    T.attachments,
    T.details(`${options.publicUrl}/statistics`),
    T.unsubscribe,
  ].join('\n');
  return {
    from: options.from,
    to: user.email,
    subject: T.subject(`${weekNumber}/${week.isoWeek.slice(0, 4)}`, range),
    text,
    attachments: files.map((file) => ({
      filename: file.filename,
      content: Buffer.from(file.content, 'utf8'),
      contentType: 'text/csv; charset=utf-8',
    })),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * Sends the report mails that are due, each claimed first so that no two processes send one. A failure is retried
 * after RETRY_DELAYS_MS and then given up (`failed`); a recipient who switched the report off or left before their
 * mail went out is skipped. Returns what happened, for the log.
 */
export async function sendDueWeeklyReports(db: DB, options: ReportMailOptions, now: number) {
  const outcome = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  for (const delivery of await dueDeliveries(db, now, now - STALE_CLAIM_MS, 100)) {
    if (!(await claimDelivery(db, delivery.id, delivery.attempts, now))) continue;
    const attempts = delivery.attempts + 1;
    const user = await recipientOf(db, delivery.userId);
    if (!user) {
      await finishDelivery(db, delivery.id, 'skipped');
      outcome.skipped++;
      continue;
    }
    try {
      await options.transport.sendMail(await reportMail(db, user, weekOf(delivery.week), options, now));
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempts - 1];
      options.log?.warn({ err: error, delivery: delivery.id, attempts }, 'weekly report mail failed');
      if (delay === undefined) {
        await finishDelivery(db, delivery.id, 'failed');
        outcome.failed++;
      } else {
        await finishDelivery(db, delivery.id, 'pending', { nextAttemptAt: now + delay });
        outcome.retried++;
      }
      continue;
    }
    await unitOfWork(db, NO_ACTOR, async (work) => {
      await finishDelivery(work.db, delivery.id, 'sent', { sentAt: now });
      await work.audit('user.weekly_report_sent', { entityId: user.id, details: { week: delivery.week, attempts } });
    });
    outcome.sent++;
  }
  return outcome;
}

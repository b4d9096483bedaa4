import { sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { WeeklyReportDeliveryStatus } from '../../db/schema.js';

/** The roles the weekly report is for: supervisors (on unless they switch it off) and team leads (off unless on). */
export const REPORT_ROLES = ['supervisor', 'team_lead'] as const;

/** Whether a user gets the report: their own choice, else their role's default (supervisors yes). */
const enabledOf = sql<number>`coalesce(weekly_report_settings.enabled, case when users.role = 'supervisor' then 1 else 0 end)`;

/** Active users who may get the report, with their choice (or the default) and their latest delivery. */
export function reportUsers(db: DB) {
  return db
    .selectFrom('users')
    .leftJoin('weekly_report_settings', 'weekly_report_settings.user_id', 'users.id')
    .select((eb) => [
      'users.id',
      'users.display_name as name',
      'users.email',
      'users.role',
      'users.locale',
      enabledOf.as('enabled'),
      eb
        .selectFrom('weekly_report_deliveries')
        .select('weekly_report_deliveries.sent_at')
        .whereRef('weekly_report_deliveries.user_id', '=', 'users.id')
        .where('weekly_report_deliveries.status', '=', 'sent')
        .orderBy('weekly_report_deliveries.sent_at', 'desc')
        .limit(1)
        .as('lastSentAt'),
    ])
    .where('users.active', '=', 1)
    .where('users.role', 'in', REPORT_ROLES);
}

export async function upsertSetting(db: DB, userId: number, enabled: boolean, now: number): Promise<void> {
  await db
    .insertInto('weekly_report_settings')
    .values({ user_id: userId, enabled: enabled ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ enabled: enabled ? 1 : 0, updated_at: now }))
    .execute();
}

/**
 * Claims a report week: the row's primary key lets exactly one insert succeed, whichever process tries first (the
 * others wait for its transaction on PostgreSQL, or for the one writer on SQLite, and then insert nothing).
 */
export async function claimWeek(db: DB, week: string, recipients: number, now: number): Promise<boolean> {
  const inserted = await db
    .insertInto('weekly_reports')
    .values({ week, recipients, created_at: now })
    .onConflict((oc) => oc.column('week').doNothing())
    .returning('week')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertDeliveries(db: DB, week: string, userIds: readonly number[], now: number): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('weekly_report_deliveries')
    .values(
      userIds.map((userId) => ({ week, user_id: userId, status: 'pending' as const, next_attempt_at: now, created_at: now })),
    )
    .execute();
}

/** Deliveries to send now: due ones, and those a process claimed and never finished (it stopped mid-send). */
export function dueDeliveries(db: DB, now: number, staleBefore: number, limit: number) {
  return db
    .selectFrom('weekly_report_deliveries')
    .select(['id', 'week', 'user_id as userId', 'attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims one delivery for this process: the update succeeds for one process only, as the row must still be in the
 * state it was read in (attempts unchanged). Returns whether this process may send it.
 */
export async function claimDelivery(db: DB, id: number, attempts: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('weekly_report_deliveries')
    .set({ status: 'sending', claimed_at: now, attempts: attempts + 1 })
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishDelivery(
  db: DB,
  id: number,
  status: WeeklyReportDeliveryStatus,
  fields: { sentAt?: number; nextAttemptAt?: number } = {},
): Promise<void> {
  await db
    .updateTable('weekly_report_deliveries')
    .set({
      status,
      claimed_at: null,
      ...(fields.sentAt !== undefined ? { sent_at: fields.sentAt } : {}),
      ...(fields.nextAttemptAt !== undefined ? { next_attempt_at: fields.nextAttemptAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export function deliveriesOfWeek(db: DB, week: string) {
  return db.selectFrom('weekly_report_deliveries').selectAll().where('week', '=', week).orderBy('user_id').execute();
}

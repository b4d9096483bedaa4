import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * The weekly statistics report by email (issue 16):
 * - `weekly_report_settings`: a recipient's own choice (on or off); without a row, the role's default applies
 *   (supervisors get it, team leads may switch it on);
 * - `weekly_reports`: one row per report week (its Monday, an ISO day), inserted by the one server process that
 *   makes that week's report: the primary key is the claim, so a week is made once however many processes run;
 * - `weekly_report_deliveries`: one mail per recipient and week, claimed row by row for sending (pending →
 *   sending → sent, or back to pending with the next attempt's time, finally failed; skipped when the recipient
 *   switched it off or left before it went out), unique per week and user.
 * Frozen: add new migrations.
 */
const DELIVERY_STATUS = `status in ('pending', 'sending', 'sent', 'failed', 'skipped')`;

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('weekly_report_settings')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled in (0, 1)`))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('weekly_reports')
    .addColumn('week', 'text', (c) => c.primaryKey())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('weekly_report_deliveries')
    .addColumn('id', 'integer', primaryKeyId(dialect))
    .addColumn('week', 'text', (c) => c.notNull().references('weekly_reports.week').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(DELIVERY_STATUS)))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint')
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('weekly_report_deliveries_week_user_key', ['week', 'user_id'])
    .execute();
  await db.schema
    .createIndex('weekly_report_deliveries_due_idx')
    .on('weekly_report_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('weekly_report_deliveries_user_idx')
    .on('weekly_report_deliveries')
    .columns(['user_id', 'week'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

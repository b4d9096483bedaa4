import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * Feedback after every case (issue 18, its first part), on top of the tables of 20261211000000_citizen_side:
 * - `survey_invitations.via`: how the invitation was made (the resolution mail, the status page, a counter receipt, an
 *   agent asking in person), the same words as `feedback.source`;
 * - `survey_invitations.receipt_token_hash`: the latest counter receipt's link (its QR code) by its hash, a second way
 *   into the same invitation; answers through it count as source `receipt`;
 * - the guard against mail scanners that fetch every link of a mail as it arrives (feedback.service.ts): what the
 *   latest link click recorded (`link_answer`: an answer, or `discarded` when clicks disagreed within a minute), when
 *   (`link_answer_at`), and the answer as it was before those clicks (`answer_before_links`, JSON; null: none), so
 *   discarding them puts it back;
 * - a notification kind, `feedback_not_solved`: a citizen answered "nein", the case's team leads hear of it. SQLite
 *   cannot change a check constraint, so its notifications table is rebuilt with the rows it has (as in
 *   20261207010000_follow_up); PostgreSQL replaces the constraint.
 * Frozen: add new migrations.
 */
const KINDS = `kind in ('assigned', 'mention', 'escalation', 'follow_up', 'feedback_not_solved')`;

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .alterTable('survey_invitations')
    .addColumn('via', 'text', (c) =>
      c.notNull().defaultTo('email').check(sql`via in ('email', 'status_page', 'receipt', 'in_person')`),
    )
    .execute();
  // SQLite adds no UNIQUE column: the uniqueness is an index (nulls do not collide in either database).
  await db.schema.alterTable('survey_invitations').addColumn('receipt_token_hash', 'text').execute();
  await db.schema
    .createIndex('survey_invitations_receipt_token_idx')
    .unique()
    .on('survey_invitations')
    .column('receipt_token_hash')
    .execute();
  await db.schema
    .alterTable('survey_invitations')
    .addColumn('link_answer', 'text', (c) => c.check(sql`link_answer in ('yes', 'partly', 'no', 'discarded')`))
    .execute();
  await db.schema.alterTable('survey_invitations').addColumn('link_answer_at', 'bigint').execute();
  await db.schema.alterTable('survey_invitations').addColumn('answer_before_links', 'text').execute();

  if (dialect === 'postgres') {
    await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
    await sql`alter table notifications add constraint notifications_kind_check check (${sql.raw(KINDS)})`.execute(db);
    return;
  }
  // SQLite: the table as 20261207010000_follow_up left it, with the new list of kinds.
  await db.schema
    .createTable('notifications_new')
    .addColumn('id', 'integer', primaryKeyId(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(KINDS)))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await sql`insert into notifications_new (id, user_id, kind, case_id, actor_id, created_at, read_at)
    select id, user_id, kind, case_id, actor_id, created_at, read_at from notifications`.execute(db);
  await db.schema.dropTable('notifications').execute();
  await db.schema.alterTable('notifications_new').renameTo('notifications').execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

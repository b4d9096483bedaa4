import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * Follow-up dates ("Wiedervorlage am 15.01.2027", issue 16): `cases.follow_up_at` is the instant the case comes back
 * (midnight in Berlin on the chosen day), null when it waits for nothing. Until then the inbox's views leave it out;
 * they filter it on rows they read in their sort's index, so no index of theirs changes. The follow-up job finds the
 * cases that came due in a partial index of the few cases that have a date (the list query never uses it: there
 * the column is filter-only). The job notifies with a new notification kind, `follow_up`: SQLite cannot change a
 * check constraint, so its notifications table is rebuilt with the rows it has; PostgreSQL replaces the constraint.
 * Frozen: add new migrations.
 */
const KINDS = `kind in ('assigned', 'mention', 'escalation', 'follow_up')`;

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.alterTable('cases').addColumn('follow_up_at', 'bigint').execute();
  await sql`create index cases_follow_up_idx on cases (follow_up_at) where follow_up_at is not null`.execute(db);

  if (dialect === 'postgres') {
    await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
    await sql`alter table notifications add constraint notifications_kind_check check (${sql.raw(KINDS)})`.execute(db);
    return;
  }
  // SQLite: the table as 20261126100000_teamwork made it, with the new list of kinds.
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

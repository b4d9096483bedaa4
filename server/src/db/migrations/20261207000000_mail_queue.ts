import { sql, type Kysely } from 'kysely';

/**
 * The state of outgoing mail (`mail.status`: how many replies wait or failed, and since when) is read on every case
 * page and by admins' pages: a partial index holds only the mails that are not out yet, so the count reads a handful
 * of index entries instead of every interaction. The predicate has literal values, and the query repeats it
 * (`MAIL_NOT_OUT` in modules/mail/mail.service.ts): SQLite uses a partial index only then.
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index interactions_mail_queue_idx on interactions (delivery_status, occurred_at) where delivery_status in ('pending', 'sending', 'failed')`.execute(
    db,
  );
}

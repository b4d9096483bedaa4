import { sql, type Kysely } from 'kysely';

/**
 * Housekeeping (issue 25): the hourly clean-up removes the status link's secret from the stored copies of sent
 * confirmation mails after CONFIRMATION_LINK_DAYS (channels/webform/status-link.ts). A partial index holds only the
 * sent automatic mails whose copy still names a link, so that look reads a few index entries instead of every message.
 * The predicate has literal values, and the query repeats it (`SENT_WITH_STATUS_LINK`): SQLite uses a partial index
 * only then. Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index interactions_status_link_idx on interactions (delivery_status, occurred_at) where direction = 'outbound' and author_id is null and delivery_status = 'sent' and "text" like '%/anliegen/status/%' and "text" not like '%/anliegen/status/…%'`.execute(
    db,
  );
}

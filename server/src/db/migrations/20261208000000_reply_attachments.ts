import type { Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * Complete email replies (issue 16):
 * - `reply_uploads`: files a caseworker uploaded for a reply and has not sent yet, in the content-addressed store
 *   like every attachment. Only the uploader may attach one; sending moves it to `attachments`; the cleanup job
 *   deletes those nobody sent within a day (index on `created_at`).
 * - `teams.email_signature`: the team's signature with placeholders, appended to its email replies.
 * CC, BCC and forwards are stored in the outgoing mail's `metadata` (JSON), beside its recipient.
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('reply_uploads')
    .addColumn('id', 'integer', primaryKeyId(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reply_uploads_user_idx').on('reply_uploads').column('user_id').execute();
  await db.schema.createIndex('reply_uploads_created_idx').on('reply_uploads').column('created_at').execute();
  await db.schema.createIndex('reply_uploads_sha_idx').on('reply_uploads').column('sha256').execute();
  await db.schema.alterTable('teams').addColumn('email_signature', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

import type { Kysely } from 'kysely';

/**
 * Real-world mail and the public surface:
 * - `interactions.raw_sha256`: the accepted mail's original source in the content-addressed store (download as .eml,
 *   re-read after a parser fix); `content_hash` tells a redelivery of the same message from a different message that
 *   reuses its Message-ID.
 * - `attachments.content_id`: the MIME Content-ID, so `cid:` images in a mail's HTML show the stored attachment.
 * - `automatic_mail_throttle`: when an address last got an automatic mail (at most one per hour and address).
 * - `used_form_tokens`: web form time tokens already spent (single use until they expire).
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('raw_sha256', 'text').execute();
  await db.schema.alterTable('interactions').addColumn('content_hash', 'text').execute();
  await db.schema.createIndex('interactions_raw_idx').on('interactions').column('raw_sha256').execute();
  await db.schema.alterTable('attachments').addColumn('content_id', 'text').execute();
  await db.schema
    .createTable('automatic_mail_throttle')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('last_sent_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('used_form_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('used_form_tokens_expiry_idx').on('used_form_tokens').column('expires_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

import type { Kysely } from 'kysely';

/**
 * Status links an agent revoked (issue 18): the link's row stays with the time it was revoked, so its page can say
 * "revoked" (and offer a new link) instead of "unknown". Null: the link works. Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_access_tokens').addColumn('revoked_at', 'bigint').execute();
}

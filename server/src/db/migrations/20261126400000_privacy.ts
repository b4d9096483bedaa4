import type { Kysely } from 'kysely';

/**
 * Retention and erasure (GDPR Art. 5(1)(e), 17): `cases.anonymised_at` marks a case whose personal data was removed;
 * statistics columns stay. The retention job looks for closed, not yet anonymised cases by closing time.
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('anonymised_at', 'bigint').execute();
  await db.schema
    .createIndex('cases_retention_idx')
    .on('cases')
    .columns(['category_id', 'status', 'anonymised_at', 'closed_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

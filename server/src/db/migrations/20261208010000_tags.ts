import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * Tags on cases (issue 16). `tags`: free ones agents typed (`curated` 0, no colour) and the admins' curated list (a
 * colour of the fixed palette, shared/src/tags.ts); `name_key` (lower-case) keeps "Bauantrag" and "bauantrag" one tag.
 * `case_tags`: keyed by (tag_id, case_id), so a tag's cases are a range (the inbox's tag filter seeks a rare tag's
 * cases there and counts a tag's cases up to a bound from it), with (case_id, tag_id) for a case's tags (the inbox's
 * rows, the case page, the filter's "has this tag" on rows read in the sort's index). `tag_settings`: one row, whether
 * agents may only pick curated tags. Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('tags')
    .addColumn('id', 'integer', primaryKeyId(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('color', 'text')
    .addColumn('curated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('case_tags')
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_tags_pkey', ['tag_id', 'case_id'])
    .execute();
  await db.schema.createIndex('case_tags_case_idx').on('case_tags').columns(['case_id', 'tag_id']).execute();
  await db.schema
    .createTable('tag_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('only_curated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('tag_settings').values({ id: 1, only_curated: 0 }).execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

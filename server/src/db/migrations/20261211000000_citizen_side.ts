import { sql, type Kysely } from 'kysely';

/**
 * The citizen's side (issue 18), what its parts share:
 * - `desk_settings`: the town's one row of desk-wide choices about citizens (id 1, inserted here): whether resolved
 *   cases ask for feedback, whether mail to citizens leaves out the case's content (only reference and status link),
 *   whether the impact figures are published at /anliegen/kennzahlen, and which category a reported barrier
 *   (Erklärung zur Barrierefreiheit) is filed under;
 * - per category the same two choices about mail: `survey_enabled` (off e.g. for enforcement matters) and
 *   `mail_without_content` (on e.g. for Sozialamt or Ausländerbehörde, whatever the desk-wide setting is);
 * - `survey_invitations`: a case's one invitation to give feedback, with the hash of its link's token (the link is in
 *   the resolution mail, on the status page and on a counter receipt) and when it expires (30 days, then the link
 *   says so);
 * - `feedback`: a case's one answer (solved yes / partly / no, a rating 1–5, an optional comment), changeable until the
 *   invitation expires; where it came from (the mail's link, the status page, a receipt's QR code, or recorded by an
 *   agent from what the citizen said in person or on the phone).
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('desk_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('survey_enabled', 'integer', (c) => c.notNull().defaultTo(1).check(sql`survey_enabled in (0, 1)`))
    .addColumn('mail_without_content', 'integer', (c) => c.notNull().defaultTo(0).check(sql`mail_without_content in (0, 1)`))
    .addColumn('public_figures', 'integer', (c) => c.notNull().defaultTo(0).check(sql`public_figures in (0, 1)`))
    .addColumn('barrier_category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('desk_settings').values({ id: 1, updated_at: 0 }).execute();
  await db.schema
    .alterTable('categories')
    .addColumn('survey_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('categories')
    .addColumn('mail_without_content', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('survey_invitations')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('feedback')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('solved', 'text', (c) => c.check(sql`solved in ('yes', 'partly', 'no')`))
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('comment', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('email', 'status_page', 'receipt', 'in_person')`))
    .addColumn('recorded_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_created_idx').on('feedback').columns(['created_at']).execute();
}

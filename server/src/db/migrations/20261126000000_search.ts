import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * Full-text search over case subjects and messages, kept in sync by the database itself inside every writing
 * transaction (triggers on SQLite, a generated column and an expression index on PostgreSQL), and saved searches.
 * SQLite folds diacritics in the tokenizer ("Müller" = "Muller"); PostgreSQL's German stemmer does the same and more
 * ("Anträge" = "Antrag"). Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  if (dialect === 'sqlite') {
    await createSqliteIndex(db, 'interactions', ['subject', 'text']);
    await createSqliteIndex(db, 'cases', ['subject']);
  } else {
    await sql`alter table interactions add column search_vector tsvector generated always as (
        setweight(to_tsvector('german', coalesce(subject, '')), 'A') || setweight(to_tsvector('german', text), 'B')
      ) stored`.execute(db);
    await sql`create index interactions_search_idx on interactions using gin (search_vector)`.execute(db);
    // Subjects are short: an expression index, recomputed for ranking only on the rows that match.
    await sql`create index cases_search_idx on cases using gin (to_tsvector('german', subject))`.execute(db);
  }

  await db.schema
    .createTable('saved_searches')
    .addColumn('id', 'integer', primaryKeyId(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_searches_user_name_idx')
    .on('saved_searches')
    .columns(['user_id', 'name'])
    .unique()
    .execute();
}

/**
 * An FTS5 index over `table`'s columns that stores no text of its own (external content): the triggers feed it
 * every insert, change and delete of those columns, in the same transaction.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createSqliteIndex(db: Kysely<any>, table: string, columns: string[]): Promise<void> {
  const index = `${table}_fts`;
  const list = columns.join(', ');
  const newValues = columns.map((column) => `new.${column}`).join(', ');
  const oldValues = columns.map((column) => `old.${column}`).join(', ');
  const statements = [
    `create virtual table ${index} using fts5(${list}, content='${table}', content_rowid='id',
       tokenize='unicode61 remove_diacritics 2')`,
    `create trigger ${index}_insert after insert on ${table} begin
       insert into ${index}(rowid, ${list}) values (new.id, ${newValues});
     end`,
    `create trigger ${index}_delete after delete on ${table} begin
       insert into ${index}(${index}, rowid, ${list}) values ('delete', old.id, ${oldValues});
     end`,
    `create trigger ${index}_update after update of ${list} on ${table} begin
       insert into ${index}(${index}, rowid, ${list}) values ('delete', old.id, ${oldValues});
       insert into ${index}(rowid, ${list}) values (new.id, ${newValues});
     end`,
    `insert into ${index}(${index}) values ('rebuild')`,
  ];
  // Table and column names are constants of this file, never input.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Parts of words (issue 23): agents search for the part of a compound they remember ("Laterne" for
 * "Straßenlaterne", "Müll" for "Sperrmüll"). Beside the word indexes of the search migration, a substring index over
 * the same text: on SQLite FTS5 with the trigram tokenizer (external content, fed by triggers in every writing
 * transaction, no column sizes: its hits are ordered by recency, never by bm25), on PostgreSQL pg_trgm's GIN
 * operator class on the lower-cased text (pg_trgm is a trusted extension: the database's owner may create it).
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await createTrigramIndex(db, 'interactions', ['subject', 'text']);
    await createTrigramIndex(db, 'cases', ['subject']);
    return;
  }
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index interactions_parts_idx on interactions
    using gin (lower(coalesce(subject, '') || ' ' || text) gin_trgm_ops)`.execute(db);
  await sql`create index cases_parts_idx on cases using gin (lower(subject) gin_trgm_ops)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createTrigramIndex(db: Kysely<any>, table: string, columns: string[]): Promise<void> {
  const index = `${table}_parts`;
  const list = columns.join(', ');
  const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');
  const statements = [
    `create virtual table ${index} using fts5(${list}, content='${table}', content_rowid='id',
       tokenize='trigram remove_diacritics 1', columnsize=0)`,
    `create trigger ${index}_insert after insert on ${table} begin
       insert into ${index}(rowid, ${list}) values (new.id, ${values('new')});
     end`,
    `create trigger ${index}_delete after delete on ${table} begin
       insert into ${index}(${index}, rowid, ${list}) values ('delete', old.id, ${values('old')});
     end`,
    `create trigger ${index}_update after update of ${list} on ${table} begin
       insert into ${index}(${index}, rowid, ${list}) values ('delete', old.id, ${values('old')});
       insert into ${index}(rowid, ${list}) values (new.id, ${values('new')});
     end`,
    `insert into ${index}(${index}) values ('rebuild')`,
  ];
  // Table and column names are constants of this file, never input.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}

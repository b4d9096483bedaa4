import { sql } from 'kysely';
import type { DB } from '../../server/src/db/database.js';
import { dialectOf } from '../../server/src/db/dialect.js';

/** What the search's indexes take on disk: the word indexes, and the parts indexes beside them (issue 23). */
export interface SearchIndexSize {
  database: string;
  index: string;
  bytes: number;
}

/** The indexes by name: on SQLite an FTS5 index is several tables sharing its name as a prefix. */
const INDEXES = {
  sqlite: ['interactions_fts', 'cases_fts', 'interactions_parts', 'cases_parts'],
  postgres: ['interactions_search_idx', 'cases_search_idx', 'interactions_parts_idx', 'cases_parts_idx'],
} as const;

export async function searchIndexSizes(db: DB): Promise<SearchIndexSize[]> {
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<{
      name: string;
      bytes: number;
    }>`select name, sum(pgsize) as bytes from dbstat group by name`.execute(db);
    return INDEXES.sqlite.map((index) => ({
      database: 'SQLite',
      index,
      bytes: rows.filter((row) => row.name.startsWith(`${index}_`)).reduce((sum, row) => sum + Number(row.bytes), 0),
    }));
  }
  const { rows } = await sql<{ name: string; bytes: string }>`select relname as name, pg_relation_size(oid) as bytes
    from pg_class where relname in (${sql.join(INDEXES.postgres)})`.execute(db);
  return INDEXES.postgres.map((index) => ({
    database: 'PostgreSQL',
    index,
    bytes: Number(rows.find((row) => row.name === index)?.bytes ?? 0),
  }));
}

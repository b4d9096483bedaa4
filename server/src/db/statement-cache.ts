import type SQLite from 'better-sqlite3';

/** Distinct SQL texts kept prepared; queries with literal lists (the statistics' day table) make new texts. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite connection as Kysely's dialect sees it, preparing each SQL text once. Kysely prepares every query anew,
 * and parsing and planning the SQL was a sixth of the time of a typical read (pnpm bench). Safe because Kysely runs
 * one query at a time per connection and reads every result at once (the app never streams a query, which would
 * keep a statement busy). Least recently used texts are dropped beyond `size`.
 */
export function withStatementCache(
  sqlite: SQLite.Database,
  size = STATEMENT_CACHE_SIZE,
): { close(): void; prepare(sql: string): SQLite.Statement } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

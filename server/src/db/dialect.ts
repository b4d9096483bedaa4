import { PostgresAdapter, SqliteAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * Every difference between SQLite and PostgreSQL lives here, so migrations and repositories stay portable.
 */
export type DialectName = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any>: they must not depend on today's table types
export function dialectOf(db: Kysely<any>): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  throw new Error('Unsupported database dialect');
}

/** An auto-generated integer primary key. */
export function primaryKeyId(dialect: DialectName) {
  return (column: ColumnDefinitionBuilder) =>
    dialect === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey().generatedByDefaultAsIdentity();
}

/** A case-insensitive LIKE: SQLite's LIKE already folds ASCII case, PostgreSQL needs ILIKE. */
export function likeOperator(dialect: DialectName) {
  return dialect === 'sqlite' ? sql.raw('like') : sql.raw('ilike');
}

/**
 * Reads whose rows are joined to ranges given by another table (the statistics' per-day counts) in one transaction
 * without PostgreSQL's JIT: PostgreSQL cannot estimate such a range, takes each day for a ninth of the table, so a
 * year looks like millions of rows and is compiled with JIT first, which costs far more than the query (pnpm bench
 * on 300,000 cases: +400 ms). SQLite has no JIT: the read runs as it is.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database of the app's, as dialectOf
export async function withoutJit<D extends Kysely<any>, T>(db: D, read: (db: D) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'sqlite') return read(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return read(trx as unknown as D);
  });
}

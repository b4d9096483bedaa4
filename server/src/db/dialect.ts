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

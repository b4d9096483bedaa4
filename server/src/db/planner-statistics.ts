import { sql } from 'kysely';
import type { DB } from './database.js';
import { dialectOf } from './dialect.js';

/**
 * Rows each index sample reads for SQLite's statistics: approximate statistics are as good for choosing an index,
 * and take 0.2 s instead of 4 s at 300,000 cases (SQLite recommends a limit of 100–1000).
 */
const ANALYSIS_LIMIT = 1000;

/**
 * Keeps the planners' statistics current:
 * - SQLite, as SQLite recommends for long-lived connections: `PRAGMA optimize=0x10002` once the connection is open (it
 *   analyses tables that have none yet or grew a lot), then plain `PRAGMA optimize` now and then, which does nothing
 *   until a table changed enough.
 * - PostgreSQL's autovacuum keeps them, but a restored database has none until it gets round to it, and PostgreSQL
 *   without them takes `merged_into_id IS NULL` for a rare condition and sorts instead of reading the inbox's indexes
 *   in order (pnpm bench): at start, tables without any statistics are analysed.
 * The inbox's plans are checked both ways (case-list.plan.test.ts on SQLite, pnpm bench on both databases).
 */
export async function refreshPlannerStatistics(db: DB, options: { firstOnConnection: boolean }): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`pragma analysis_limit = ${sql.raw(String(ANALYSIS_LIMIT))}`.execute(db);
    await sql`pragma ${sql.raw(options.firstOnConnection ? 'optimize = 0x10002' : 'optimize')}`.execute(db);
    return;
  }
  if (!options.firstOnConnection) return;
  const { rows } = await sql<{ name: string }>`select c.relname as name from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind = 'r'
        and not exists (select 1 from pg_stats s where s.schemaname = n.nspname and s.tablename = c.relname)`.execute(db);
  for (const { name } of rows) await sql`analyze ${sql.id(name)}`.execute(db);
}

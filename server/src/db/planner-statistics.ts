import { sql } from 'kysely';
import type { DB } from './database.js';
import { dialectOf } from './dialect.js';

/**
 * Rows each index sample reads for SQLite's statistics: approximate statistics are as good for choosing an index,
 * and take 0.2 s instead of 4 s at 300,000 cases (SQLite recommends a limit of 100–1000).
 */
const ANALYSIS_LIMIT = 1000;

/**
 * Keeps SQLite's planner statistics current the way SQLite recommends for long-lived connections: `PRAGMA
 * optimize=0x10002` once the connection is open (it analyses tables that have none yet or grew a lot), then plain
 * `PRAGMA optimize` now and then, which does nothing until a table changed enough. PostgreSQL's autovacuum does the
 * same by itself. The inbox does not depend on statistics (its plans are fixed; case-list.plan.test.ts checks both).
 */
export async function refreshPlannerStatistics(db: DB, options: { firstOnConnection: boolean }): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`pragma analysis_limit = ${sql.raw(String(ANALYSIS_LIMIT))}`.execute(db);
  await sql`pragma ${sql.raw(options.firstOnConnection ? 'optimize = 0x10002' : 'optimize')}`.execute(db);
}

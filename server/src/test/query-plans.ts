import type { CompiledQuery } from 'kysely';
import type { DB } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';

/** The plan of a query as the database explains it, one step per line (EXPLAIN QUERY PLAN / EXPLAIN). */
export async function explainQuery(db: DB, query: CompiledQuery): Promise<string> {
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` });
    return rows.map((row) => row.detail).join('\n');
  }
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `explain ${query.sql}` });
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/**
 * What must not be in an inbox view's plan: reading the whole cases table, or (unless the view is expected to sort a
 * few sought rows, as "due soon") sorting what was read. Used by case-list.plan.test.ts and pnpm bench.
 */
export function inboxPlanProblems(dialect: 'sqlite' | 'postgres', plan: string, expected: 'index-order' | 'sorts'): string[] {
  const problems: string[] = [];
  const fullScan = dialect === 'sqlite' ? /^SCAN cases$/m : /Seq Scan on cases/;
  const sorts = dialect === 'sqlite' ? /TEMP B-TREE FOR (LAST TERM OF )?ORDER BY/ : /^\s*(->\s*)?(Incremental )?Sort\b/m;
  if (fullScan.test(plan)) problems.push('reads the whole table');
  if (expected === 'index-order' && sorts.test(plan)) problems.push('sorts what it read');
  return problems;
}

import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertTestCase, insertTestCitizen } from '../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { refreshPlannerStatistics } from './planner-statistics.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

/** Whether the planner has statistics on the cases table (SQLite: sqlite_stat1; PostgreSQL: pg_stats). */
async function casesHaveStatistics(): Promise<boolean> {
  const { db, dialect } = database;
  if (dialect === 'sqlite') {
    const table = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
    if (Number(table.rows[0]!.n) === 0) return false;
    const rows = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'cases'`.execute(db);
    return Number(rows.rows[0]!.n) > 0;
  }
  const rows = await sql<{ n: number }>`select count(*) as n from pg_stats where tablename = 'cases'`.execute(db);
  return Number(rows.rows[0]!.n) > 0;
}

describe('planner statistics', () => {
  it('are gathered at start for a table that has none (a new or restored database), and kept after', async () => {
    const citizenId = await insertTestCitizen(database.db, 'Erika Muster');
    for (let serial = 1; serial <= 30; serial++) {
      await insertTestCase(database.db, { reference: `A-2026-${String(serial).padStart(6, '0')}`, citizen_id: citizenId });
    }
    expect(await casesHaveStatistics()).toBe(false);
    await refreshPlannerStatistics(database.db, { firstOnConnection: true });
    expect(await casesHaveStatistics()).toBe(true);
    // The periodic run changes nothing a query could see.
    await refreshPlannerStatistics(database.db, { firstOnConnection: false });
    expect(await casesHaveStatistics()).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../db/database.js';
import { createTestDatabase, secondProcessHandle, type TestDatabase } from '../test/test-db.js';
import { DEMO_USERS } from './demo-data.js';
import { seedDemoOnce } from './demo-seed.js';

const SCALE = { citizens: 30, cases: 40, seed: 11 };

let database: TestDatabase;
let second: { db: DB; close(): Promise<void> };
beforeEach(async () => {
  database = await createTestDatabase();
  second = await secondProcessHandle(database);
});
afterEach(async () => {
  await second.close();
  await database.destroy();
});

async function count(table: 'users' | 'teams' | 'citizens' | 'cases') {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('demo data on first start', () => {
  it('is seeded once when two server processes start on an empty database at the same moment', async () => {
    const results = await Promise.all([seedDemoOnce(database.db, SCALE), seedDemoOnce(second.db, SCALE)]);
    const seeded = results.filter((result) => result !== null);
    expect(seeded).toHaveLength(1);
    expect(await count('users')).toBe(DEMO_USERS.length);
    expect(await count('citizens')).toBe(seeded[0]!.citizens);
    expect(await count('cases')).toBe(seeded[0]!.cases);
    // A later start seeds nothing.
    const teams = await count('teams');
    expect(await seedDemoOnce(second.db, SCALE)).toBeNull();
    expect(await count('teams')).toBe(teams);
    expect(await count('cases')).toBe(seeded[0]!.cases);
  });
});

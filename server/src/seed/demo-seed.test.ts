import { describe, expect, it } from 'vitest';
import { twoProcessDatabase } from '../test/test-db.js';
import { DEMO_USERS } from './demo-data.js';
import { seedDemoOnce } from './demo-seed.js';

const SCALE = { citizens: 30, cases: 40, seed: 11 };

const processes = twoProcessDatabase();

async function count(table: 'users' | 'teams' | 'citizens' | 'cases') {
  const row = await processes.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('demo data on first start', () => {
  it('is seeded once when two server processes start on an empty database at the same moment', async () => {
    const results = await Promise.all([seedDemoOnce(processes.database.db, SCALE), seedDemoOnce(processes.second.db, SCALE)]);
    const seeded = results.filter((result) => result !== null);
    expect(seeded).toHaveLength(1);
    expect(await count('users')).toBe(DEMO_USERS.length);
    expect(await count('citizens')).toBe(seeded[0]!.citizens);
    expect(await count('cases')).toBe(seeded[0]!.cases);
    // A later start seeds nothing.
    const teams = await count('teams');
    expect(await seedDemoOnce(processes.second.db, SCALE)).toBeNull();
    expect(await count('teams')).toBe(teams);
    expect(await count('cases')).toBe(seeded[0]!.cases);
  });
});

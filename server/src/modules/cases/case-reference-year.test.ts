import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCitizen } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';

/**
 * The reference's year is the year in Berlin when the case is filed, whatever time zone the server runs in: on a UTC
 * host 00:30 on 1 January in Berlin is still 31 December.
 */

let database: TestDatabase;
let api: ReturnType<typeof callerFor>;
let citizenId: number;
const hostZone = process.env.TZ;

beforeAll(() => {
  // Node reads TZ anew when it changes: the bug shows on a UTC host, so every host plays one.
  process.env.TZ = 'UTC';
});
afterAll(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});
beforeEach(async () => {
  database = await createTestDatabase();
  const agent = await insertTestUser(database.db, { email: 'sylvia.silvester@musterstadt.example', role: 'agent' });
  api = callerFor(database.db, agent);
  citizenId = await insertTestCitizen(database.db, 'Neujahr', 'Nina');
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

async function fileAt(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  const created = await api.cases.create({ citizenId, subject: 'Silvester', channel: 'phone', text: 'Böller im Hof.' });
  return created.reference;
}

describe('the reference year', () => {
  it('is the new year from midnight in Berlin, while UTC still has the old one', async () => {
    expect(await fileAt('2026-12-31T23:30:00Z')).toMatch(/^A-2027-/);
  });

  it('is the old year until midnight in Berlin', async () => {
    expect(await fileAt('2026-12-31T22:30:00Z')).toMatch(/^A-2026-/);
  });
});

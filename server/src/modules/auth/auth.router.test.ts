import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, insertTestUser, recordingCookies, TEST_PASSWORD } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

describe('auth.login', () => {
  it('logs in with the right password and sets a session cookie', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const { cookies, jar } = recordingCookies();
    const caller = callerFor(database.db, null, { cookies });
    const user = await caller.auth.login({ email: ' Anna@Musterstadt.example', password: TEST_PASSWORD });
    expect(user.email).toBe('anna@musterstadt.example');
    expect(jar.session).toMatch(/^[\w-]{40,}$/);
    const sessions = await database.db.selectFrom('sessions').selectAll().execute();
    expect(sessions).toHaveLength(1);
    // Stored by hash only.
    expect(sessions[0]!.id).not.toBe(jar.session);
  });
});

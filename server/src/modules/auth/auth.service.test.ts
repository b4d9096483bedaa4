import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertTestUser, TEST_PASSWORD } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import { login, resolveSession } from './auth.service.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const ANNA = 'anna@musterstadt.example';
const env = testEnv({ SESSION_IDLE_MINUTES: '480', SESSION_MAX_HOURS: '12' });

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
  // Only the clock is faked; timers (database drivers, scrypt) run normally.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

async function logInAt(time: number) {
  vi.setSystemTime(time);
  return login({ db: database.db, env }, { email: ANNA, password: TEST_PASSWORD }, { ip: null, previousSessionId: null });
}

async function expiresAt(sessionId: string) {
  const row = await database.db.selectFrom('sessions').select('expires_at').where('id', '=', sessionId).executeTakeFirstOrThrow();
  return row.expires_at;
}

async function resolveAt(time: number, token: string) {
  vi.setSystemTime(time);
  return resolveSession({ db: database.db, env }, token);
}

describe('resolveSession', () => {
  it('returns the session and the user with teams for a live token', async () => {
    const team = await database.db
      .insertInto('teams')
      .values({ name: 'Ordnungsamt', email_address: null, created_at: T0, updated_at: T0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent', teamIds: [team.id] });
    const { token, csrfToken } = await logInAt(T0);
    const resolved = await resolveAt(T0 + MINUTE, token);
    expect(resolved?.user).toEqual(anna);
    expect(resolved?.session.csrfToken).toBe(csrfToken);
  });

  it('returns null for an unknown token', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    await logInAt(T0);
    await expect(resolveAt(T0, 'no-such-token')).resolves.toBeNull();
  });

  it('returns null once the session has expired', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { token } = await logInAt(T0);
    // Idle for the whole idle timeout: expired. (Checked first: a successful resolve would extend the session.)
    await expect(resolveAt(T0 + 480 * MINUTE, token)).resolves.toBeNull();
    await expect(resolveAt(T0 + 480 * MINUTE - 1, token)).resolves.not.toBeNull();
  });

  it('returns null when the user has been deactivated', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { token } = await logInAt(T0);
    await expect(resolveAt(T0 + MINUTE, token)).resolves.not.toBeNull();
    await database.db.updateTable('users').set({ active: 0 }).where('id', '=', anna.id).execute();
    await expect(resolveAt(T0 + 2 * MINUTE, token)).resolves.toBeNull();
  });

  it('moves the expiry forward with activity, at most once a minute', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { token } = await logInAt(T0);
    const sessionId = (await resolveAt(T0, token))!.session.id;
    expect(await expiresAt(sessionId)).toBe(T0 + 8 * HOUR);

    await resolveAt(T0 + 2 * HOUR, token);
    expect(await expiresAt(sessionId)).toBe(T0 + 10 * HOUR);
    // Within a minute of the last touch, reads do not write.
    await resolveAt(T0 + 2 * HOUR + 30_000, token);
    expect(await expiresAt(sessionId)).toBe(T0 + 10 * HOUR);
  });

  it('never extends the session beyond SESSION_MAX_HOURS from login', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { token } = await logInAt(T0);
    const sessionId = (await resolveAt(T0, token))!.session.id;
    // Active every few hours: each touch would give 8 more hours, but the hard limit is 12 hours after login.
    for (const hours of [3, 6, 9, 11]) {
      await expect(resolveAt(T0 + hours * HOUR, token)).resolves.not.toBeNull();
      expect(await expiresAt(sessionId)).toBe(Math.min(T0 + (hours + 8) * HOUR, T0 + 12 * HOUR));
    }
    await expect(resolveAt(T0 + 12 * HOUR - 1, token)).resolves.not.toBeNull();
    expect(await expiresAt(sessionId)).toBe(T0 + 12 * HOUR);
    await expect(resolveAt(T0 + 12 * HOUR, token)).resolves.toBeNull();
  });
});

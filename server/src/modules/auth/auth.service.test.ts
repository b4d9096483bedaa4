import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../domain/domain-error.js';
import { insertTestUser, TEST_PASSWORD } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import { toTrpcError } from '../../trpc/errors.js';
import { login, resolveSession, TOUCH_INTERVAL_MS } from './auth.service.js';

// Counts password checks (the expensive step the login lock exists to bound); the checks themselves stay real.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('./password.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./password.js')>();
  return {
    ...original,
    verifyPassword: (...args: Parameters<typeof original.verifyPassword>) => {
      verifications.count++;
      return original.verifyPassword(...args);
    },
  };
});

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
  verifications.count = 0;
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

  it("lists the user's teams by name, and none for a user without a team", async () => {
    const teamIds: number[] = [];
    for (const name of ['Ordnungsamt', 'Bürgerbüro', 'Standesamt']) {
      const team = await database.db
        .insertInto('teams')
        .values({ name, email_address: null, created_at: T0, updated_at: T0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      teamIds.push(team.id);
    }
    await insertTestUser(database.db, { email: ANNA, role: 'agent', teamIds: [teamIds[0]!, teamIds[2]!, teamIds[1]!] });
    await insertTestUser(database.db, { email: 'ben@musterstadt.example', role: 'agent' });
    const anna = await logInAt(T0);
    const ben = await login(
      { db: database.db, env },
      { email: 'ben@musterstadt.example', password: TEST_PASSWORD },
      { ip: null, previousSessionId: null },
    );

    expect((await resolveAt(T0, anna.token))?.user.teams.map((team) => team.name)).toEqual([
      'Bürgerbüro',
      'Ordnungsamt',
      'Standesamt',
    ]);
    expect((await resolveAt(T0, anna.token))?.user).toEqual(anna.user);
    expect((await resolveAt(T0, ben.token))?.user.teams).toEqual([]);
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

  // Every signed-in request resolves its session: that must stay one read, with a write only once per interval.
  it('reads with one statement and writes the session row only once per touch interval', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { token } = await logInAt(T0);
    const counts = { statements: 0, writes: 0 };
    // Counts what the database runs; writes are the statements that report affected rows (on both dialects).
    const db = database.db.withPlugin({
      transformQuery: ({ node }) => node,
      transformResult: async ({ result }) => {
        counts.statements++;
        if (result.numAffectedRows !== undefined) counts.writes++;
        return result;
      },
    });
    const resolveCounted = async (time: number) => {
      vi.setSystemTime(time);
      expect(await resolveSession({ db, env }, token)).not.toBeNull();
    };

    // Within the interval after login (which set last_seen): reads only, however many requests.
    for (const time of [T0, T0 + 1, T0 + TOUCH_INTERVAL_MS / 2, T0 + TOUCH_INTERVAL_MS]) await resolveCounted(time);
    expect(counts).toEqual({ statements: 4, writes: 0 });

    // The first request past the interval touches the session once; the next ones within the new interval do not.
    await resolveCounted(T0 + TOUCH_INTERVAL_MS + 1);
    expect(counts).toEqual({ statements: 6, writes: 1 });
    await resolveCounted(T0 + TOUCH_INTERVAL_MS + 2);
    await resolveCounted(T0 + 2 * TOUCH_INTERVAL_MS + 1);
    expect(counts).toEqual({ statements: 8, writes: 1 });
    await resolveCounted(T0 + 2 * TOUCH_INTERVAL_MS + 2);
    expect(counts).toEqual({ statements: 10, writes: 2 });
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

describe('login lock under concurrency', () => {
  const lockEnv = testEnv({ LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' });
  const attempt = (email: string, password: string) =>
    login({ db: database.db, env: lockEnv }, { email, password }, { ip: null, previousSessionId: null }).then(
      () => 'ok',
      // The code the procedure answers with: the service's DomainError mapped as tRPC maps it.
      (error: unknown) =>
        error instanceof DomainError ? toTrpcError(error).code : ((error as { code?: string }).code ?? 'error'),
    );

  // Issue 14 item 12: 40 wrong passwords at once got 14–32 checks, since the lock was read before checking.
  it.each([
    ['an existing account', ANNA],
    ['an unknown address', 'niemand@musterstadt.example'],
  ])('checks only LOGIN_MAX_FAILURES of 40 passwords sent at once to %s, then refuses the right one too', async (_, email) => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const answers = await Promise.all(Array.from({ length: 40 }, () => attempt(email, 'Falsches-Passwort-1')));
    expect(verifications.count).toBe(5);
    expect(answers.filter((answer) => answer === 'UNAUTHORIZED')).toHaveLength(4);
    expect(answers.filter((answer) => answer === 'TOO_MANY_REQUESTS')).toHaveLength(36);
    await expect(attempt(email, TEST_PASSWORD)).resolves.toBe('TOO_MANY_REQUESTS');
    expect(verifications.count).toBe(5);
    expect(await database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('still lets the right password in among concurrent wrong ones before the limit, and resets the count', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const answers = await Promise.all([
      attempt(ANNA, 'Falsches-Passwort-1'),
      attempt(ANNA, 'Falsches-Passwort-2'),
      attempt(ANNA, TEST_PASSWORD),
    ]);
    expect(answers.sort()).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'ok']);
    // At most two failures are counted after the success cleared the count: no lock.
    await expect(attempt(ANNA, TEST_PASSWORD)).resolves.toBe('ok');
  });
});

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError, trpcErrorOf } from '../../test/app-errors.js';
import { callerFor, insertTestUser, recordingCookies, TEST_PASSWORD } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import { resolveSession } from './auth.service.js';
import { sessionIdFor } from './session-token.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

const ANNA = 'anna@musterstadt.example';
const WRONG = 'Falsches-Passwort-1';

/** Logs in through the router and returns the cookie token and the session id stored for it. */
async function logIn(email: string, password = TEST_PASSWORD) {
  const { cookies, jar } = recordingCookies();
  const user = await callerFor(database.db, null, { cookies }).auth.login({ email, password });
  if (!jar.session) throw new Error('login set no session cookie');
  return { user, token: jar.session, sessionId: sessionIdFor(jar.session), jar };
}

function sessionRows() {
  return database.db.selectFrom('sessions').selectAll().execute();
}

function auditRows(action: string) {
  return database.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
}

describe('auth.login', () => {
  it('logs in with the right password and sets a session cookie', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { cookies, jar } = recordingCookies();
    const caller = callerFor(database.db, null, { cookies });
    const user = await caller.auth.login({ email: ' Anna@Musterstadt.example', password: TEST_PASSWORD });
    expect(user.email).toBe(ANNA);
    expect(jar.session).toMatch(/^[\w-]{40,}$/);
    const sessions = await sessionRows();
    expect(sessions).toHaveLength(1);
    // Stored by hash only.
    expect(sessions[0]!.id).not.toBe(jar.session);
    expect(sessions[0]!.id).toBe(sessionIdFor(jar.session!));
    // The new CSRF token is bound to the session.
    expect(jar.csrf).toBeDefined();
    expect(sessions[0]!.csrf_token).toBe(jar.csrf);
  });

  it('returns the user with their teams', async () => {
    const team = await database.db
      .insertInto('teams')
      .values({ name: 'Bürgerbüro', email_address: null, created_at: 1, updated_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const inserted = await insertTestUser(database.db, {
      email: ANNA,
      role: 'team_lead',
      displayName: 'Anna Berg',
      teamIds: [team.id],
    });
    const { user } = await logIn(ANNA);
    expect(user).toEqual({
      id: inserted.id,
      email: ANNA,
      displayName: 'Anna Berg',
      role: 'team_lead',
      locale: 'de',
      characterShortcuts: true,
      teams: [{ id: team.id, name: 'Bürgerbüro' }],
    });
  });

  it('gives the cookie the lifetime of the hard session limit, not of the idle timeout', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const env = testEnv({ SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '10' });
    const { cookies, jar } = recordingCookies();
    await callerFor(database.db, null, { cookies, env }).auth.login({ email: ANNA, password: TEST_PASSWORD });
    expect(jar.sessionMaxAgeMs).toBe(10 * 3_600_000);
  });

  it('rejects a wrong password with auth.invalidCredentials and creates no session', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { cookies, jar } = recordingCookies();
    const caller = callerFor(database.db, null, { cookies });
    await expectAppError(caller.auth.login({ email: ANNA, password: WRONG }), 'UNAUTHORIZED', 'auth.invalidCredentials');
    expect(await sessionRows()).toHaveLength(0);
    expect(jar.session).toBeUndefined();
    expect(jar.csrf).toBeUndefined();
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const caller = callerFor(database.db);
    const wrongPassword = await expectAppError(
      caller.auth.login({ email: ANNA, password: WRONG }),
      'UNAUTHORIZED',
      'auth.invalidCredentials',
    );
    const unknownEmail = await expectAppError(
      caller.auth.login({ email: 'niemand@musterstadt.example', password: WRONG }),
      'UNAUTHORIZED',
      'auth.invalidCredentials',
    );
    expect(unknownEmail.message).toBe(wrongPassword.message);
  });

  it('rejects a deactivated user even with the right password, like a wrong password', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent', active: false });
    await expectAppError(
      callerFor(database.db).auth.login({ email: ANNA, password: TEST_PASSWORD }),
      'UNAUTHORIZED',
      'auth.invalidCredentials',
    );
    expect(await sessionRows()).toHaveLength(0);
  });

  it('rejects input that is not an email with input.invalid', async () => {
    await expectAppError(callerFor(database.db).auth.login({ email: 'anna', password: 'x' }), 'BAD_REQUEST', 'input.invalid');
  });
});

describe('auth.login throttling', () => {
  const env = testEnv({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });

  it('locks an account after LOGIN_MAX_FAILURES failures, even for the right password', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const caller = callerFor(database.db, null, { env });
    await expectAppError(caller.auth.login({ email: ANNA, password: WRONG }), 'UNAUTHORIZED', 'auth.invalidCredentials');
    await expectAppError(caller.auth.login({ email: ANNA, password: WRONG }), 'UNAUTHORIZED', 'auth.invalidCredentials');
    // The failure that reaches the limit already answers with the lock.
    await expectAppError(caller.auth.login({ email: ANNA, password: WRONG }), 'TOO_MANY_REQUESTS', 'auth.tooManyAttempts');
    await expectAppError(
      caller.auth.login({ email: ANNA, password: TEST_PASSWORD }),
      'TOO_MANY_REQUESTS',
      'auth.tooManyAttempts',
    );
    expect(await sessionRows()).toHaveLength(0);
    // The attempt against the locked address is audited, without the address itself.
    const blocked = await auditRows('auth.login_blocked');
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.entity_id).toBeNull();

    const throttle = await database.db
      .selectFrom('login_throttles')
      .selectAll()
      .where('key', '=', ANNA)
      .executeTakeFirstOrThrow();
    const lockMs = 15 * 60_000;
    expect(throttle.locked_until).toBeGreaterThan(Date.now() + lockMs - 60_000);
    expect(throttle.locked_until).toBeLessThanOrEqual(Date.now() + lockMs);
  });

  it('locks an unknown email the same way, so a lock reveals nothing', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const caller = callerFor(database.db, null, { env });
    const unknown = 'niemand@musterstadt.example';
    const answers: string[] = [];
    for (const email of [ANNA, unknown]) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const error = await trpcErrorOf(caller.auth.login({ email, password: WRONG }));
        answers.push(`${email === ANNA ? 'known' : 'unknown'} ${attempt} ${error.code}`);
      }
    }
    expect(answers).toEqual([
      'known 0 UNAUTHORIZED',
      'known 1 UNAUTHORIZED',
      'known 2 TOO_MANY_REQUESTS',
      'known 3 TOO_MANY_REQUESTS',
      'unknown 0 UNAUTHORIZED',
      'unknown 1 UNAUTHORIZED',
      'unknown 2 TOO_MANY_REQUESTS',
      'unknown 3 TOO_MANY_REQUESTS',
    ]);
    await expectAppError(caller.auth.login({ email: unknown, password: WRONG }), 'TOO_MANY_REQUESTS', 'auth.tooManyAttempts');
  });

  it('counts failures per email: a lock on one account does not affect another', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    await insertTestUser(database.db, { email: 'ben@musterstadt.example', role: 'agent' });
    const caller = callerFor(database.db, null, { env });
    for (let attempt = 0; attempt < 3; attempt++) await trpcErrorOf(caller.auth.login({ email: ANNA, password: WRONG }));
    await expect(caller.auth.login({ email: 'ben@musterstadt.example', password: TEST_PASSWORD })).resolves.toMatchObject({
      email: 'ben@musterstadt.example',
    });
  });

  it('lets the user in again once the lock has expired', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const caller = callerFor(database.db, null, { env });
    for (let attempt = 0; attempt < 3; attempt++) await trpcErrorOf(caller.auth.login({ email: ANNA, password: WRONG }));
    await database.db
      .updateTable('login_throttles')
      .set({ locked_until: Date.now() - 1 })
      .where('key', '=', ANNA)
      .execute();
    await expect(caller.auth.login({ email: ANNA, password: TEST_PASSWORD })).resolves.toMatchObject({ email: ANNA });
  });

  it('clears the failure count on a successful login', async () => {
    await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const caller = callerFor(database.db, null, { env });
    await trpcErrorOf(caller.auth.login({ email: ANNA, password: WRONG }));
    await trpcErrorOf(caller.auth.login({ email: ANNA, password: WRONG }));
    await caller.auth.login({ email: ANNA, password: TEST_PASSWORD });
    expect(await database.db.selectFrom('login_throttles').selectAll().execute()).toEqual([]);
    // Without the reset, the next failure would be the third and lock the account.
    await expectAppError(caller.auth.login({ email: ANNA, password: WRONG }), 'UNAUTHORIZED', 'auth.invalidCredentials');
    await expectAppError(caller.auth.login({ email: ANNA, password: WRONG }), 'UNAUTHORIZED', 'auth.invalidCredentials');
    await expect(caller.auth.login({ email: ANNA, password: TEST_PASSWORD })).resolves.toMatchObject({ email: ANNA });
  });
});

describe('session rotation', () => {
  it('deletes the session known before login, and only that one', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const before = await logIn(ANNA);
    const otherDevice = await logIn(ANNA);
    const { cookies, jar } = recordingCookies();
    await callerFor(database.db, anna, { cookies, sessionId: before.sessionId }).auth.login({
      email: ANNA,
      password: TEST_PASSWORD,
    });
    const ids = (await sessionRows()).map((row) => row.id).sort();
    expect(ids).toEqual([otherDevice.sessionId, sessionIdFor(jar.session!)].sort());
    expect(ids).not.toContain(before.sessionId);
  });

  it('keeps the previous session when the login fails', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const before = await logIn(ANNA);
    await trpcErrorOf(callerFor(database.db, anna, { sessionId: before.sessionId }).auth.login({ email: ANNA, password: WRONG }));
    expect((await sessionRows()).map((row) => row.id)).toEqual([before.sessionId]);
  });
});

describe('auth audit events', () => {
  it('records a login with actor, entity and ip', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    await logIn(ANNA);
    const events = await auditRows('auth.login');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: anna.id, entity_type: 'user', entity_id: String(anna.id), ip: '127.0.0.1' });
  });

  it('records failed logins without an actor, with the account when it exists', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const caller = callerFor(database.db, null, { env: testEnv({ LOGIN_MAX_FAILURES: '2' }) });
    await trpcErrorOf(caller.auth.login({ email: ANNA, password: WRONG }));
    await trpcErrorOf(caller.auth.login({ email: ANNA, password: WRONG }));
    await trpcErrorOf(caller.auth.login({ email: 'niemand@musterstadt.example', password: WRONG }));
    const events = await auditRows('auth.login_failed');
    expect(
      events.map((event) => ({
        actor: event.actor_id,
        entity: event.entity_id,
        ip: event.ip,
        details: JSON.parse(event.details ?? 'null'),
      })),
    ).toEqual([
      { actor: null, entity: String(anna.id), ip: '127.0.0.1', details: { locked: false } },
      { actor: null, entity: String(anna.id), ip: '127.0.0.1', details: { locked: true } },
      { actor: null, entity: null, ip: '127.0.0.1', details: { locked: false } },
    ]);
    // Neither the password nor the typed email end up in the audit log.
    for (const event of events) {
      expect(event.details).not.toContain(WRONG);
      expect(event.details).not.toContain('niemand');
    }
    expect(await auditRows('auth.login')).toHaveLength(0);
  });

  it('records a logout', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const { sessionId } = await logIn(ANNA);
    await callerFor(database.db, anna, { sessionId }).auth.logout();
    const events = await auditRows('auth.logout');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: anna.id, entity_type: 'user', entity_id: String(anna.id), ip: '127.0.0.1' });
  });
});

describe('auth.logout', () => {
  it('deletes the current session and clears the cookie', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const current = await logIn(ANNA);
    const otherDevice = await logIn(ANNA);
    const { cookies, jar } = recordingCookies();
    await expect(callerFor(database.db, anna, { cookies, sessionId: current.sessionId }).auth.logout()).resolves.toEqual({
      ok: true,
    });
    expect(jar.cleared).toBe(true);
    expect((await sessionRows()).map((row) => row.id)).toEqual([otherDevice.sessionId]);
  });

  it('requires a session', async () => {
    await expectAppError(callerFor(database.db).auth.logout(), 'UNAUTHORIZED', 'auth.unauthenticated');
  });
});

describe('auth.me', () => {
  it('returns the session user, or null without a session', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    await expect(callerFor(database.db).auth.me()).resolves.toBeNull();
    await expect(callerFor(database.db, anna).auth.me()).resolves.toEqual(anna);
  });
});

describe('auth.setLocale', () => {
  it('stores the locale, so the next session sees it', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    await expect(callerFor(database.db, anna).auth.setLocale({ locale: 'en' })).resolves.toEqual({ locale: 'en' });
    const row = await database.db.selectFrom('users').select('locale').where('id', '=', anna.id).executeTakeFirstOrThrow();
    expect(row.locale).toBe('en');
    const { user } = await logIn(ANNA);
    expect(user.locale).toBe('en');
  });

  it('changes only the caller', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    await insertTestUser(database.db, { email: 'ben@musterstadt.example', role: 'agent' });
    await callerFor(database.db, anna).auth.setLocale({ locale: 'en' });
    const rows = await database.db.selectFrom('users').select(['email', 'locale']).orderBy('email').execute();
    expect(rows).toEqual([
      { email: ANNA, locale: 'en' },
      { email: 'ben@musterstadt.example', locale: 'de' },
    ]);
  });

  it('rejects an unsupported locale', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    await expectAppError(callerFor(database.db, anna).auth.setLocale({ locale: 'fr' as 'de' }), 'BAD_REQUEST', 'input.invalid');
  });
});

describe('auth.saveSettings (WCAG 2.1.4: single-character shortcuts on or off)', () => {
  const userRow = (id: number) =>
    database.db
      .selectFrom('users')
      .select(['character_shortcuts', 'role', 'locale', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('has the shortcuts on until the user switches them off; the next session and me carry the choice', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    expect((await logIn(ANNA)).user.characterShortcuts).toBe(true);
    const { token } = await logIn(ANNA);

    await expect(callerFor(database.db, anna).auth.saveSettings({ characterShortcuts: false })).resolves.toEqual({
      characterShortcuts: false,
    });
    expect(Number((await userRow(anna.id)).character_shortcuts)).toBe(0);
    // A session that was open before (the reload of a tab) and a new one both see it.
    expect((await resolveSession({ db: database.db, env: testEnv() }, token))?.user.characterShortcuts).toBe(false);
    expect((await logIn(ANNA)).user.characterShortcuts).toBe(false);

    await callerFor(database.db, anna).auth.saveSettings({ characterShortcuts: true });
    expect((await logIn(ANNA)).user.characterShortcuts).toBe(true);
  });

  it('records each change in the audit log with the new value, and a setting chosen again not at all', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const caller = callerFor(database.db, anna);
    await caller.auth.saveSettings({ characterShortcuts: false });
    await caller.auth.saveSettings({ characterShortcuts: false });
    await caller.auth.saveSettings({ characterShortcuts: true });
    const rows = await auditRows('user.settingsChanged');
    expect(
      rows.map((row) => ({ actor: row.actor_id, entity: row.entity_id, details: JSON.parse(row.details ?? 'null') })),
    ).toEqual([
      { actor: anna.id, entity: String(anna.id), details: { characterShortcuts: false } },
      { actor: anna.id, entity: String(anna.id), details: { characterShortcuts: true } },
    ]);
  });

  it('changes only the caller', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const ben = await insertTestUser(database.db, { email: 'ben@musterstadt.example', role: 'agent' });
    await callerFor(database.db, anna).auth.saveSettings({ characterShortcuts: false });
    expect(Number((await userRow(ben.id)).character_shortcuts)).toBe(1);
  });

  it('refuses any other input (wrong types, unknown keys such as a role, nothing) and changes nothing', async () => {
    const anna = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
    const before = await userRow(anna.id);
    const caller = callerFor(database.db, anna);
    const bad = fc.oneof(
      fc.anything().filter((value) => typeof value !== 'object' || value === null),
      fc.record({ characterShortcuts: fc.anything().filter((value) => typeof value !== 'boolean') }),
      fc
        .record(
          { characterShortcuts: fc.boolean(), extra: fc.constantFrom('role', 'locale', 'id', 'userId', 'active') },
          { requiredKeys: ['characterShortcuts', 'extra'] },
        )
        .map(({ characterShortcuts, extra }) => ({
          characterShortcuts: !characterShortcuts,
          [extra]: extra === 'role' ? 'admin' : 2,
        })),
      fc.constant({}),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (input) => {
        await expectAppError(caller.auth.saveSettings(input as { characterShortcuts: boolean }), 'BAD_REQUEST', 'input.invalid');
      }),
      { numRuns: 60 },
    );
    expect(await userRow(anna.id)).toEqual(before);
    expect(await auditRows('user.settingsChanged')).toEqual([]);
  });

  it('requires a session', async () => {
    await expectAppError(
      callerFor(database.db).auth.saveSettings({ characterShortcuts: false }),
      'UNAUTHORIZED',
      'auth.unauthenticated',
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError, trpcErrorOf } from '../../test/app-errors.js';
import { callerFor, insertTestUser, recordingCookies, TEST_PASSWORD } from '../../test/callers.js';
import { insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { sessionIdFor } from '../auth/session-token.js';

let database: TestDatabase;
let admin: SessionUser;
let buergerbuero: number;
let ordnungsamt: number;

const insertTeam = (name: string) => insertTestTeam(database.db, name);

beforeEach(async () => {
  database = await createTestDatabase();
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin', displayName: 'Petra Vogel' });
  ordnungsamt = await insertTeam('Ordnungsamt');
  buergerbuero = await insertTeam('Bürgerbüro');
});
afterEach(async () => {
  await database.destroy();
});

const NEW_PASSWORD = 'Sicheres-Passwort-42';

/** Row counts of everything a user write touches: a rejected write must leave all of them unchanged. */
async function writeCounts() {
  const count = async (table: 'users' | 'team_memberships' | 'audit_events' | 'sessions') => {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  return {
    users: await count('users'),
    memberships: await count('team_memberships'),
    audit: await count('audit_events'),
    sessions: await count('sessions'),
  };
}

function userRow(id: number) {
  return database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function logIn(email: string, password = TEST_PASSWORD) {
  const { cookies, jar } = recordingCookies();
  await callerFor(database.db, null, { cookies }).auth.login({ email, password });
  return sessionIdFor(jar.session!);
}

async function sessionsOf(userId: number) {
  return database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
}

describe('users.create', () => {
  it('creates a user with teams, normalised email and a hashed password', async () => {
    const { id } = await callerFor(database.db, admin).users.create({
      email: '  Jonas.Becker@Musterstadt.example ',
      displayName: ' Jonas Becker ',
      password: NEW_PASSWORD,
      role: 'agent',
      teamIds: [ordnungsamt, buergerbuero],
    });
    const row = await userRow(id);
    expect(row).toMatchObject({
      email: 'jonas.becker@musterstadt.example',
      display_name: 'Jonas Becker',
      role: 'agent',
      locale: 'de',
      active: 1,
    });
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.password_hash).not.toContain(NEW_PASSWORD);

    const list = await callerFor(database.db, admin).users.list();
    expect(list.find((user) => user.id === id)).toEqual({
      id,
      email: 'jonas.becker@musterstadt.example',
      displayName: 'Jonas Becker',
      role: 'agent',
      active: true,
      absent: false,
      createdAt: row.created_at,
      teams: [
        { id: buergerbuero, name: 'Bürgerbüro' },
        { id: ordnungsamt, name: 'Ordnungsamt' },
      ],
    });
  });

  it('creates a user who can log in with the given password', async () => {
    await callerFor(database.db, admin).users.create({
      email: 'jonas.becker@musterstadt.example',
      displayName: 'Jonas Becker',
      password: NEW_PASSWORD,
      role: 'team_lead',
      teamIds: [buergerbuero],
    });
    const user = await callerFor(database.db).auth.login({ email: 'jonas.becker@musterstadt.example', password: NEW_PASSWORD });
    expect(user).toMatchObject({ role: 'team_lead', teams: [{ id: buergerbuero, name: 'Bürgerbüro' }] });
  });

  it('stores a team given twice once', async () => {
    const { id } = await callerFor(database.db, admin).users.create({
      email: 'jonas.becker@musterstadt.example',
      displayName: 'Jonas Becker',
      password: NEW_PASSWORD,
      role: 'agent',
      teamIds: [buergerbuero, buergerbuero],
    });
    const memberships = await database.db.selectFrom('team_memberships').selectAll().where('user_id', '=', id).execute();
    expect(memberships).toEqual([{ team_id: buergerbuero, user_id: id }]);
  });

  it('writes an audit event without the password', async () => {
    const { id } = await callerFor(database.db, admin).users.create({
      email: 'jonas.becker@musterstadt.example',
      displayName: 'Jonas Becker',
      password: NEW_PASSWORD,
      role: 'agent',
      teamIds: [buergerbuero],
    });
    const events = await database.db.selectFrom('audit_events').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: admin.id,
      action: 'user.created',
      entity_type: 'user',
      entity_id: String(id),
      ip: '127.0.0.1',
    });
    expect(JSON.parse(events[0]!.details!)).toEqual({ role: 'agent', teamIds: [buergerbuero] });
    expect(events[0]!.details).not.toContain(NEW_PASSWORD);
  });

  it('rejects a taken email (in any spelling) with conflict.emailTaken and writes nothing', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const before = await writeCounts();
    await expectAppError(
      callerFor(database.db, admin).users.create({
        email: 'ANNA@musterstadt.example',
        displayName: 'Anna Zwei',
        password: NEW_PASSWORD,
        role: 'agent',
        teamIds: [buergerbuero],
      }),
      'CONFLICT',
      'conflict.emailTaken',
    );
    expect(await writeCounts()).toEqual(before);
  });

  it.each([
    ['too short', 'Kurz-1'],
    ['too simple', 'aaaaaaaaaaaaaaaa'],
  ])('rejects a weak password (%s) with input.invalid and writes nothing', async (_label, password) => {
    const before = await writeCounts();
    const error = await expectAppError(
      callerFor(database.db, admin).users.create({
        email: 'jonas.becker@musterstadt.example',
        displayName: 'Jonas Becker',
        password,
        role: 'agent',
        teamIds: [],
      }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(error.message).toMatch(/password\./);
    expect(await writeCounts()).toEqual(before);
  });

  it('rejects an unknown team with teams.unknown and writes nothing', async () => {
    const before = await writeCounts();
    await expectAppError(
      callerFor(database.db, admin).users.create({
        email: 'jonas.becker@musterstadt.example',
        displayName: 'Jonas Becker',
        password: NEW_PASSWORD,
        role: 'agent',
        teamIds: [buergerbuero, 9999],
      }),
      'BAD_REQUEST',
      'teams.unknown',
    );
    expect(await writeCounts()).toEqual(before);
  });
});

describe('users.list', () => {
  it('lists all users by display name with their teams and no secrets', async () => {
    const anna = await insertTestUser(database.db, {
      email: 'anna@musterstadt.example',
      role: 'agent',
      displayName: 'Anna Schmidt',
      teamIds: [ordnungsamt],
    });
    await insertTestUser(database.db, {
      email: 'zoe@musterstadt.example',
      role: 'supervisor',
      displayName: 'Zoé Weber',
      active: false,
    });
    const list = await callerFor(database.db, admin).users.list();
    expect(list.map((user) => [user.displayName, user.role, user.active, user.teams.map((team) => team.name)])).toEqual([
      ['Anna Schmidt', 'agent', true, ['Ordnungsamt']],
      ['Petra Vogel', 'admin', true, []],
      ['Zoé Weber', 'supervisor', false, []],
    ]);
    expect(list[0]!.id).toBe(anna.id);
    for (const user of list) {
      expect(Object.keys(user).sort()).toEqual(['absent', 'active', 'createdAt', 'displayName', 'email', 'id', 'role', 'teams']);
    }
  });
});

describe('users.update', () => {
  let anna: SessionUser;
  beforeEach(async () => {
    anna = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [buergerbuero] });
  });

  it('changes name, role and teams', async () => {
    await expect(
      callerFor(database.db, admin).users.update({
        id: anna.id,
        displayName: 'Anna Berg',
        role: 'team_lead',
        active: true,
        teamIds: [ordnungsamt],
      }),
    ).resolves.toEqual({ id: anna.id });
    const listed = (await callerFor(database.db, admin).users.list()).find((user) => user.id === anna.id);
    expect(listed).toMatchObject({
      displayName: 'Anna Berg',
      role: 'team_lead',
      active: true,
      teams: [{ id: ordnungsamt, name: 'Ordnungsamt' }],
    });
  });

  it('keeps the sessions and the password when neither is touched', async () => {
    const sessionId = await logIn('anna@musterstadt.example');
    const hashBefore = (await userRow(anna.id)).password_hash;
    await callerFor(database.db, admin).users.update({
      id: anna.id,
      displayName: 'Anna Berg',
      role: 'agent',
      active: true,
      teamIds: [],
    });
    expect(await sessionsOf(anna.id)).toEqual([{ id: sessionId }]);
    expect((await userRow(anna.id)).password_hash).toBe(hashBefore);
  });

  it('deletes the sessions of a deactivated user, who then cannot log in', async () => {
    await logIn('anna@musterstadt.example');
    await logIn('anna@musterstadt.example');
    const adminSession = await logIn('admin@musterstadt.example');
    await callerFor(database.db, admin).users.update({
      id: anna.id,
      displayName: 'Anna',
      role: 'agent',
      active: false,
      teamIds: [],
    });
    expect(await sessionsOf(anna.id)).toEqual([]);
    expect(await sessionsOf(admin.id)).toEqual([{ id: adminSession }]);
    await expectAppError(
      callerFor(database.db).auth.login({ email: 'anna@musterstadt.example', password: TEST_PASSWORD }),
      'UNAUTHORIZED',
      'auth.invalidCredentials',
    );
  });

  it('resets the password: old sessions end, only the new password works', async () => {
    await logIn('anna@musterstadt.example');
    await callerFor(database.db, admin).users.update({
      id: anna.id,
      displayName: 'Anna',
      role: 'agent',
      active: true,
      teamIds: [],
      password: NEW_PASSWORD,
    });
    expect(await sessionsOf(anna.id)).toEqual([]);
    expect((await userRow(anna.id)).password_hash).toMatch(/^scrypt\$/);
    await expectAppError(
      callerFor(database.db).auth.login({ email: 'anna@musterstadt.example', password: TEST_PASSWORD }),
      'UNAUTHORIZED',
      'auth.invalidCredentials',
    );
    await expect(
      callerFor(database.db).auth.login({ email: 'anna@musterstadt.example', password: NEW_PASSWORD }),
    ).resolves.toMatchObject({
      id: anna.id,
    });
  });

  it('writes an audit event without the password', async () => {
    await callerFor(database.db, admin).users.update({
      id: anna.id,
      displayName: 'Anna',
      role: 'supervisor',
      active: true,
      teamIds: [ordnungsamt],
      password: NEW_PASSWORD,
    });
    const events = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.updated').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: admin.id, entity_type: 'user', entity_id: String(anna.id) });
    expect(JSON.parse(events[0]!.details!)).toEqual({
      role: 'supervisor',
      active: true,
      teamIds: [ordnungsamt],
      passwordReset: true,
    });
    expect(events[0]!.details).not.toContain(NEW_PASSWORD);
  });

  it.each([
    ['demote', { role: 'supervisor' as const, active: true }],
    ['deactivate', { role: 'admin' as const, active: false }],
  ])('does not let an admin %s themselves', async (_label, change) => {
    const adminSession = await logIn('admin@musterstadt.example');
    const before = await writeCounts();
    await expectAppError(
      callerFor(database.db, admin).users.update({ id: admin.id, displayName: 'Petra Vogel', teamIds: [], ...change }),
      'BAD_REQUEST',
      'users.cannotLockOutSelf',
    );
    expect(await writeCounts()).toEqual(before);
    expect(await userRow(admin.id)).toMatchObject({ role: 'admin', active: 1 });
    expect(await sessionsOf(admin.id)).toEqual([{ id: adminSession }]);
  });

  it('lets an admin edit their own name while staying an active admin', async () => {
    await callerFor(database.db, admin).users.update({
      id: admin.id,
      displayName: 'Petra Vogel-Schulz',
      role: 'admin',
      active: true,
      teamIds: [],
    });
    expect((await userRow(admin.id)).display_name).toBe('Petra Vogel-Schulz');
  });

  it('lets an admin demote another admin', async () => {
    const other = await insertTestUser(database.db, { email: 'admin2@musterstadt.example', role: 'admin' });
    await callerFor(database.db, admin).users.update({
      id: other.id,
      displayName: 'Zweit',
      role: 'agent',
      active: true,
      teamIds: [],
    });
    expect((await userRow(other.id)).role).toBe('agent');
  });

  it('rejects an unknown team with teams.unknown and changes nothing', async () => {
    const before = await writeCounts();
    await expectAppError(
      callerFor(database.db, admin).users.update({
        id: anna.id,
        displayName: 'Anna Berg',
        role: 'admin',
        active: true,
        teamIds: [9999],
      }),
      'BAD_REQUEST',
      'teams.unknown',
    );
    expect(await writeCounts()).toEqual(before);
    expect(await userRow(anna.id)).toMatchObject({ display_name: 'anna', role: 'agent' });
  });

  it('rejects a weak new password and changes nothing', async () => {
    const hashBefore = (await userRow(anna.id)).password_hash;
    const error = await trpcErrorOf(
      callerFor(database.db, admin).users.update({
        id: anna.id,
        displayName: 'Anna',
        role: 'agent',
        active: true,
        teamIds: [],
        password: 'kurz',
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect((await userRow(anna.id)).password_hash).toBe(hashBefore);
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    await expectAppError(
      callerFor(database.db, admin).users.update({ id: 9999, displayName: 'Niemand', role: 'agent', active: true, teamIds: [] }),
      'NOT_FOUND',
      'notFound',
    );
  });
});

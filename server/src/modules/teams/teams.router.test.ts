import { type BusinessHours, DEFAULT_BUSINESS_HOURS } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';

let database: TestDatabase;
let admin: SessionUser;
beforeEach(async () => {
  database = await createTestDatabase();
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
});
afterEach(async () => {
  await database.destroy();
});

async function teamCount() {
  const row = await database.db
    .selectFrom('teams')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function teamRow(id: number) {
  return database.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('teams.create and teams.list', () => {
  it('creates teams and lists them by name with member counts', async () => {
    const caller = callerFor(database.db, admin);
    const ordnung = await caller.teams.create({ name: '  Ordnungsamt ', emailAddress: ' Ordnungsamt@Musterstadt.example ' });
    const buero = await caller.teams.create({ name: 'Bürgerbüro', emailAddress: 'buergerbuero@musterstadt.example' });
    const tiefbau = await caller.teams.create({ name: 'Tiefbauamt', emailAddress: '' });
    await insertTestUser(database.db, { email: 'a@musterstadt.example', role: 'agent', teamIds: [ordnung.id, buero.id] });
    await insertTestUser(database.db, { email: 'b@musterstadt.example', role: 'agent', teamIds: [ordnung.id] });
    await insertTestUser(database.db, { email: 'c@musterstadt.example', role: 'team_lead', teamIds: [ordnung.id] });

    const defaults = { assignmentMode: 'none', bundesland: 'NW', businessHours: DEFAULT_BUSINESS_HOURS, emailSignature: null };
    expect(await caller.teams.list()).toEqual([
      { id: buero.id, name: 'Bürgerbüro', emailAddress: 'buergerbuero@musterstadt.example', memberCount: 1, ...defaults },
      { id: ordnung.id, name: 'Ordnungsamt', emailAddress: 'ordnungsamt@musterstadt.example', memberCount: 3, ...defaults },
      { id: tiefbau.id, name: 'Tiefbauamt', emailAddress: null, memberCount: 0, ...defaults },
    ]);
  });

  it('allows several teams without an email address', async () => {
    const caller = callerFor(database.db, admin);
    await caller.teams.create({ name: 'Tiefbauamt', emailAddress: '' });
    await caller.teams.create({ name: 'Grünflächenamt', emailAddress: '' });
    expect(await teamCount()).toBe(2);
  });

  it('writes an audit event', async () => {
    const { id } = await callerFor(database.db, admin).teams.create({ name: 'Tiefbauamt', emailAddress: '' });
    const events = await database.db.selectFrom('audit_events').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: admin.id, action: 'team.created', entity_type: 'team', entity_id: String(id) });
  });

  it('rejects a taken name with conflict.teamNameTaken', async () => {
    const caller = callerFor(database.db, admin);
    await caller.teams.create({ name: 'Ordnungsamt', emailAddress: 'ordnungsamt@musterstadt.example' });
    await expectAppError(caller.teams.create({ name: 'Ordnungsamt', emailAddress: '' }), 'CONFLICT', 'conflict.teamNameTaken');
    expect(await teamCount()).toBe(1);
  });

  it('rejects a taken email address with conflict.teamEmailTaken', async () => {
    const caller = callerFor(database.db, admin);
    await caller.teams.create({ name: 'Ordnungsamt', emailAddress: 'amt@musterstadt.example' });
    await expectAppError(
      caller.teams.create({ name: 'Bürgerbüro', emailAddress: 'AMT@musterstadt.example' }),
      'CONFLICT',
      'conflict.teamEmailTaken',
    );
    expect(await teamCount()).toBe(1);
    expect(await database.db.selectFrom('audit_events').selectAll().execute()).toHaveLength(1);
  });

  it('rejects a name that is too short', async () => {
    await expectAppError(
      callerFor(database.db, admin).teams.create({ name: ' A ', emailAddress: '' }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(await teamCount()).toBe(0);
  });
});

describe('teams.update', () => {
  it('renames a team and changes its address', async () => {
    const caller = callerFor(database.db, admin);
    const { id } = await caller.teams.create({ name: 'Ordnungsamt', emailAddress: 'ordnungsamt@musterstadt.example' });
    await expect(caller.teams.update({ id, name: 'Ordnungs- und Gewerbeamt', emailAddress: '' })).resolves.toEqual({ id });
    expect(await teamRow(id)).toMatchObject({ name: 'Ordnungs- und Gewerbeamt', email_address: null });
    const events = await database.db.selectFrom('audit_events').select(['action', 'entity_id']).orderBy('id').execute();
    expect(events).toEqual([
      { action: 'team.created', entity_id: String(id) },
      { action: 'team.updated', entity_id: String(id) },
    ]);
  });

  it('keeps its own name and address when saved unchanged', async () => {
    const caller = callerFor(database.db, admin);
    const { id } = await caller.teams.create({ name: 'Ordnungsamt', emailAddress: 'ordnungsamt@musterstadt.example' });
    await caller.teams.update({ id, name: 'Ordnungsamt', emailAddress: 'ordnungsamt@musterstadt.example' });
    expect(await teamRow(id)).toMatchObject({ name: 'Ordnungsamt', email_address: 'ordnungsamt@musterstadt.example' });
  });

  it("rejects another team's name with conflict.teamNameTaken", async () => {
    const caller = callerFor(database.db, admin);
    await caller.teams.create({ name: 'Ordnungsamt', emailAddress: '' });
    const { id } = await caller.teams.create({ name: 'Bürgerbüro', emailAddress: '' });
    await expectAppError(
      caller.teams.update({ id, name: 'Ordnungsamt', emailAddress: '' }),
      'CONFLICT',
      'conflict.teamNameTaken',
    );
    expect((await teamRow(id)).name).toBe('Bürgerbüro');
  });

  it("rejects another team's address with conflict.teamEmailTaken, also when the name stays the same", async () => {
    const caller = callerFor(database.db, admin);
    await caller.teams.create({ name: 'Ordnungsamt', emailAddress: 'amt@musterstadt.example' });
    const { id } = await caller.teams.create({ name: 'Bürgerbüro', emailAddress: 'buero@musterstadt.example' });
    await expectAppError(
      caller.teams.update({ id, name: 'Bürgerbüro', emailAddress: 'amt@musterstadt.example' }),
      'CONFLICT',
      'conflict.teamEmailTaken',
    );
    await expectAppError(
      caller.teams.update({ id, name: 'Bürgeramt', emailAddress: 'amt@musterstadt.example' }),
      'CONFLICT',
      'conflict.teamEmailTaken',
    );
    expect(await teamRow(id)).toMatchObject({ name: 'Bürgerbüro', email_address: 'buero@musterstadt.example' });
  });

  it('answers NOT_FOUND for an unknown team', async () => {
    await expectAppError(
      callerFor(database.db, admin).teams.update({ id: 9999, name: 'Niemandsamt', emailAddress: '' }),
      'NOT_FOUND',
      'notFound',
    );
    expect(await teamCount()).toBe(0);
  });
});

const CITIZEN_OFFICE: BusinessHours = {
  1: [
    ['08:00', '12:00'],
    ['13:00', '16:00'],
  ],
  2: [['08:00', '12:00']],
  4: [
    ['08:00', '12:00'],
    ['14:00', '18:00'],
  ],
  6: [['09:00', '12:00']],
};

describe('team settings: assignment, Bundesland, opening hours', () => {
  it('stores the settings given on create and lists them', async () => {
    const caller = callerFor(database.db, admin);
    const { id } = await caller.teams.create({
      name: 'Bürgerbüro',
      emailAddress: '',
      assignmentMode: 'round_robin',
      bundesland: 'BY',
      businessHours: CITIZEN_OFFICE,
    });
    expect(await caller.teams.list()).toEqual([
      {
        id,
        name: 'Bürgerbüro',
        emailAddress: null,
        memberCount: 0,
        assignmentMode: 'round_robin',
        bundesland: 'BY',
        businessHours: CITIZEN_OFFICE,
        emailSignature: null,
      },
    ]);
    expect(JSON.parse((await teamRow(id)).business_hours!)).toEqual(CITIZEN_OFFICE);
    const [event] = await database.db.selectFrom('audit_events').select('details').execute();
    expect(JSON.parse(event!.details!)).toEqual({ assignmentMode: 'round_robin', bundesland: 'BY', ownHours: true });
  });

  it('stores the default hours as null and lists them as DEFAULT_BUSINESS_HOURS', async () => {
    const caller = callerFor(database.db, admin);
    const { id } = await caller.teams.create({ name: 'Ordnungsamt', emailAddress: '', businessHours: null });
    expect(await teamRow(id)).toMatchObject({ business_hours: null, bundesland: 'NW', assignment_mode: 'none' });
    expect((await caller.teams.list())[0]!.businessHours).toEqual(DEFAULT_BUSINESS_HOURS);
  });

  it('changes the settings on update, and keeps those left out', async () => {
    const caller = callerFor(database.db, admin);
    const { id } = await caller.teams.create({ name: 'Ordnungsamt', emailAddress: '' });
    await caller.teams.update({
      id,
      name: 'Ordnungsamt',
      emailAddress: '',
      assignmentMode: 'least_open',
      bundesland: 'SN',
      businessHours: CITIZEN_OFFICE,
    });
    expect(await caller.teams.list()).toMatchObject([
      { assignmentMode: 'least_open', bundesland: 'SN', businessHours: CITIZEN_OFFICE },
    ]);

    await caller.teams.update({ id, name: 'Ordnungs- und Gewerbeamt', emailAddress: '' });
    expect(await caller.teams.list()).toMatchObject([
      { name: 'Ordnungs- und Gewerbeamt', assignmentMode: 'least_open', bundesland: 'SN', businessHours: CITIZEN_OFFICE },
    ]);

    await caller.teams.update({ id, name: 'Ordnungsamt', emailAddress: '', businessHours: null });
    expect((await teamRow(id)).business_hours).toBeNull();
    expect((await caller.teams.list())[0]!.businessHours).toEqual(DEFAULT_BUSINESS_HOURS);
  });

  it.each([
    ['an unknown assignment mode', { assignmentMode: 'random' }],
    ['an unknown Bundesland', { bundesland: 'XX' }],
    ['a time that is not on the clock', { businessHours: { 1: [['08:00', '25:00']] } }],
    ['a period that ends before it begins', { businessHours: { 1: [['12:00', '08:00']] } }],
    [
      'overlapping periods',
      {
        businessHours: {
          1: [
            ['08:00', '12:00'],
            ['11:00', '16:00'],
          ],
        },
      },
    ],
    ['a weekday that does not exist', { businessHours: { 8: [['08:00', '12:00']] } }],
    ['a week without any opening', { businessHours: {} }],
  ])('rejects %s with input.invalid', async (_what, settings) => {
    const caller = callerFor(database.db, admin);
    await expectAppError(
      caller.teams.create({ name: 'Bürgerbüro', emailAddress: '', ...(settings as object) }),
      'BAD_REQUEST',
      'input.invalid',
    );
    const { id } = await caller.teams.create({ name: 'Ordnungsamt', emailAddress: '' });
    await expectAppError(
      caller.teams.update({ id, name: 'Ordnungsamt', emailAddress: '', ...(settings as object) }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(await teamRow(id)).toMatchObject({ assignment_mode: 'none', bundesland: 'NW', business_hours: null });
    expect(await teamCount()).toBe(1);
  });
});

describe('teams access', () => {
  it.each(['agent', 'team_lead', 'supervisor', 'admin'] as const)('lets a %s list the teams', async (role) => {
    await callerFor(database.db, admin).teams.create({ name: 'Ordnungsamt', emailAddress: '' });
    const user = await insertTestUser(database.db, { email: `${role}.user@musterstadt.example`, role });
    expect((await callerFor(database.db, user).teams.list()).map((team) => team.name)).toEqual(['Ordnungsamt']);
  });

  it.each(['agent', 'team_lead', 'supervisor'] as const)('forbids a %s to create or update teams', async (role) => {
    const { id } = await callerFor(database.db, admin).teams.create({ name: 'Ordnungsamt', emailAddress: '' });
    const user = await insertTestUser(database.db, { email: `${role}.user@musterstadt.example`, role });
    const caller = callerFor(database.db, user);
    await expectAppError(caller.teams.create({ name: 'Schattenamt', emailAddress: '' }), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(caller.teams.update({ id, name: 'Umbenannt', emailAddress: '' }), 'FORBIDDEN', 'auth.forbidden');
    expect(await teamCount()).toBe(1);
    expect((await teamRow(id)).name).toBe('Ordnungsamt');
  });

  it('requires a session to list teams', async () => {
    await expectAppError(callerFor(database.db).teams.list(), 'UNAUTHORIZED', 'auth.unauthenticated');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';

let database: TestDatabase;
let buero: number;
let ordnung: number;
let admin: SessionUser;
let lead: SessionUser;
let agent: SessionUser;
beforeEach(async () => {
  database = await createTestDatabase();
  buero = await insertTestTeam(database.db, 'Bürgerbüro');
  ordnung = await insertTestTeam(database.db, 'Ordnungsamt');
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
  lead = await insertTestUser(database.db, { email: 'leitung@musterstadt.example', role: 'team_lead', teamIds: [buero] });
  agent = await insertTestUser(database.db, { email: 'agent@musterstadt.example', role: 'agent', teamIds: [buero] });
});
afterEach(async () => {
  await database.destroy();
});

/** One response for every team and one for each team, made by the admin. */
async function seedResponses() {
  const caller = callerFor(database.db, admin);
  const everyTeam = await caller.cannedResponses.create({
    teamId: null,
    title: 'Eingangsbestätigung',
    body: 'Danke, {{citizen.name}}.',
  });
  const ofBuero = await caller.cannedResponses.create({
    teamId: buero,
    title: 'Termin',
    body: 'Ihr Termin zu {{case.reference}}.',
  });
  const ofOrdnung = await caller.cannedResponses.create({ teamId: ordnung, title: 'Anhörung', body: 'Anhörungsbogen anbei.' });
  return { everyTeam: everyTeam.id, ofBuero: ofBuero.id, ofOrdnung: ofOrdnung.id };
}

function rows() {
  return database.db.selectFrom('canned_responses').selectAll().orderBy('id').execute();
}

function auditEvents() {
  return database.db
    .selectFrom('audit_events')
    .select(['actor_id', 'action', 'entity_type', 'entity_id', 'details'])
    .orderBy('id')
    .execute();
}

const titlesOf = (list: { title: string }[]) => list.map((response) => response.title);

describe('cannedResponses.list', () => {
  it("shows a caseworker the responses for every team and their own teams' responses", async () => {
    const ids = await seedResponses();
    const list = await callerFor(database.db, agent).cannedResponses.list();
    expect(list).toEqual([
      {
        id: ids.everyTeam,
        teamId: null,
        teamName: null,
        title: 'Eingangsbestätigung',
        body: 'Danke, {{citizen.name}}.',
        updatedAt: expect.any(Number),
        editable: false,
      },
      {
        id: ids.ofBuero,
        teamId: buero,
        teamName: 'Bürgerbüro',
        title: 'Termin',
        body: 'Ihr Termin zu {{case.reference}}.',
        updatedAt: expect.any(Number),
        editable: false,
      },
    ]);
  });

  it('shows a team lead the same, and marks only their own teams’ responses as editable', async () => {
    await seedResponses();
    const list = await callerFor(database.db, lead).cannedResponses.list();
    expect(list.map(({ title, editable }) => ({ title, editable }))).toEqual([
      { title: 'Eingangsbestätigung', editable: false },
      { title: 'Termin', editable: true },
    ]);
  });

  it('shows a caseworker in several teams the responses of each, and one without a team only those for every team', async () => {
    await seedResponses();
    const both = await insertTestUser(database.db, {
      email: 'beide@musterstadt.example',
      role: 'agent',
      teamIds: [buero, ordnung],
    });
    const none = await insertTestUser(database.db, { email: 'neu@musterstadt.example', role: 'agent' });
    expect(titlesOf(await callerFor(database.db, both).cannedResponses.list())).toEqual([
      'Eingangsbestätigung',
      'Termin',
      'Anhörung',
    ]);
    expect(titlesOf(await callerFor(database.db, none).cannedResponses.list())).toEqual(['Eingangsbestätigung']);
  });

  it('shows an admin every response, all editable: those for every team first, then by team and title', async () => {
    await seedResponses();
    await callerFor(database.db, admin).cannedResponses.create({ teamId: buero, title: 'Abholung', body: 'Sie können …' });
    const list = await callerFor(database.db, admin).cannedResponses.list();
    expect(list.map(({ teamName, title, editable }) => [teamName, title, editable])).toEqual([
      [null, 'Eingangsbestätigung', true],
      ['Bürgerbüro', 'Abholung', true],
      ['Bürgerbüro', 'Termin', true],
      ['Ordnungsamt', 'Anhörung', true],
    ]);
  });

  it('is not for supervisors, nor without a session', async () => {
    const supervisor = await insertTestUser(database.db, { email: 'statistik@musterstadt.example', role: 'supervisor' });
    await expectAppError(callerFor(database.db, supervisor).cannedResponses.list(), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(callerFor(database.db).cannedResponses.list(), 'UNAUTHORIZED', 'auth.unauthenticated');
  });
});

describe('cannedResponses.create', () => {
  it('lets a team lead create one for their own team, trimmed, and audits it without its text', async () => {
    const { id } = await callerFor(database.db, lead).cannedResponses.create({
      teamId: buero,
      title: '  Rückruf ',
      body: ' Guten Tag {{citizen.name}}, wir rufen Sie zurück. \n',
    });
    expect(await rows()).toEqual([
      expect.objectContaining({
        id,
        team_id: buero,
        title: 'Rückruf',
        body: 'Guten Tag {{citizen.name}}, wir rufen Sie zurück.',
      }),
    ]);
    const events = await auditEvents();
    expect(events).toEqual([
      {
        actor_id: lead.id,
        action: 'canned_response.created',
        entity_type: 'canned_response',
        entity_id: String(id),
        details: JSON.stringify({ teamId: buero }),
      },
    ]);
  });

  it('forbids a team lead to create one for another team or for every team', async () => {
    const caller = callerFor(database.db, lead);
    await expectAppError(
      caller.cannedResponses.create({ teamId: ordnung, title: 'T', body: 'B' }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(caller.cannedResponses.create({ teamId: null, title: 'T', body: 'B' }), 'FORBIDDEN', 'auth.forbidden');
    expect(await rows()).toEqual([]);
    expect(await auditEvents()).toEqual([]);
  });

  it.each(['agent', 'supervisor'] as const)('forbids a %s to create one', async (role) => {
    const user = await insertTestUser(database.db, { email: `${role}.x@musterstadt.example`, role, teamIds: [buero] });
    await expectAppError(
      callerFor(database.db, user).cannedResponses.create({ teamId: buero, title: 'T', body: 'B' }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    expect(await rows()).toEqual([]);
  });

  it('lets an admin create one for any team or for every team, but not for an unknown team', async () => {
    const caller = callerFor(database.db, admin);
    await caller.cannedResponses.create({ teamId: null, title: 'Alle', body: 'B' });
    await caller.cannedResponses.create({ teamId: ordnung, title: 'Ordnung', body: 'B' });
    await expectAppError(caller.cannedResponses.create({ teamId: 9999, title: 'X', body: 'B' }), 'BAD_REQUEST', 'teams.unknown');
    expect((await rows()).map((row) => [row.team_id, row.title])).toEqual([
      [null, 'Alle'],
      [ordnung, 'Ordnung'],
    ]);
    expect(await auditEvents()).toHaveLength(2);
  });

  it.each([
    ['a blank title', { teamId: null, title: '   ', body: 'B' }],
    ['a title over 120 characters', { teamId: null, title: 'x'.repeat(121), body: 'B' }],
    ['a blank body', { teamId: null, title: 'T', body: ' \n ' }],
    ['a body over 10,000 characters', { teamId: null, title: 'T', body: 'x'.repeat(10_001) }],
    ['no team (not even null)', { title: 'T', body: 'B' }],
    ['a team id that is no id', { teamId: 0, title: 'T', body: 'B' }],
  ])('rejects %s with input.invalid and writes nothing', async (_case, input) => {
    await expectAppError(callerFor(database.db, admin).cannedResponses.create(input as never), 'BAD_REQUEST', 'input.invalid');
    expect(await rows()).toEqual([]);
    expect(await auditEvents()).toEqual([]);
  });
});

describe('cannedResponses.update', () => {
  it('lets a team lead change one of their team and audits it', async () => {
    const ids = await seedResponses();
    const before = await rows();
    await expect(
      callerFor(database.db, lead).cannedResponses.update({
        id: ids.ofBuero,
        teamId: buero,
        title: ' Terminbestätigung ',
        body: 'Neu',
      }),
    ).resolves.toEqual({ id: ids.ofBuero });
    const after = await rows();
    expect(after.find((row) => row.id === ids.ofBuero)).toMatchObject({
      team_id: buero,
      title: 'Terminbestätigung',
      body: 'Neu',
    });
    expect(after.filter((row) => row.id !== ids.ofBuero)).toEqual(before.filter((row) => row.id !== ids.ofBuero));
    expect((await auditEvents()).at(-1)).toEqual({
      actor_id: lead.id,
      action: 'canned_response.updated',
      entity_type: 'canned_response',
      entity_id: String(ids.ofBuero),
      details: JSON.stringify({ teamId: buero }),
    });
  });

  it('lets a team lead in two teams move a response between them', async () => {
    const ids = await seedResponses();
    const both = await insertTestUser(database.db, {
      email: 'beide@musterstadt.example',
      role: 'team_lead',
      teamIds: [buero, ordnung],
    });
    await callerFor(database.db, both).cannedResponses.update({ id: ids.ofBuero, teamId: ordnung, title: 'Termin', body: 'B' });
    expect((await rows()).find((row) => row.id === ids.ofBuero)?.team_id).toBe(ordnung);
    expect((await auditEvents()).at(-1)?.details).toBe(JSON.stringify({ teamId: ordnung, fromTeamId: buero }));
  });

  it("forbids a team lead to change another team's or every team's response, or to move theirs away, changing nothing", async () => {
    const ids = await seedResponses();
    const before = await rows();
    const eventsBefore = await auditEvents();
    const caller = callerFor(database.db, lead);
    for (const input of [
      { id: ids.ofOrdnung, teamId: ordnung, title: 'Übernommen', body: 'B' },
      { id: ids.ofOrdnung, teamId: buero, title: 'Übernommen', body: 'B' },
      { id: ids.everyTeam, teamId: null, title: 'Übernommen', body: 'B' },
      { id: ids.everyTeam, teamId: buero, title: 'Übernommen', body: 'B' },
      { id: ids.ofBuero, teamId: ordnung, title: 'Verschoben', body: 'B' },
      { id: ids.ofBuero, teamId: null, title: 'Für alle', body: 'B' },
    ]) {
      await expectAppError(caller.cannedResponses.update(input), 'FORBIDDEN', 'auth.forbidden');
    }
    expect(await rows()).toEqual(before);
    expect(await auditEvents()).toEqual(eventsBefore);
  });

  it('lets an admin change any response and make it one for every team', async () => {
    const ids = await seedResponses();
    await callerFor(database.db, admin).cannedResponses.update({ id: ids.ofOrdnung, teamId: null, title: 'Anhörung', body: 'B' });
    expect((await rows()).find((row) => row.id === ids.ofOrdnung)).toMatchObject({ team_id: null, body: 'B' });
  });

  it('answers NOT_FOUND for an unknown response and teams.unknown for an unknown team', async () => {
    const ids = await seedResponses();
    const before = await rows();
    const caller = callerFor(database.db, admin);
    await expectAppError(
      caller.cannedResponses.update({ id: 9999, teamId: null, title: 'T', body: 'B' }),
      'NOT_FOUND',
      'notFound',
    );
    await expectAppError(
      caller.cannedResponses.update({ id: ids.ofBuero, teamId: 9999, title: 'T', body: 'B' }),
      'BAD_REQUEST',
      'teams.unknown',
    );
    expect(await rows()).toEqual(before);
  });

  it('rejects invalid input with input.invalid and changes nothing', async () => {
    const ids = await seedResponses();
    const before = await rows();
    const caller = callerFor(database.db, lead);
    await expectAppError(
      caller.cannedResponses.update({ id: ids.ofBuero, teamId: buero, title: '', body: 'B' }),
      'BAD_REQUEST',
      'input.invalid',
    );
    await expectAppError(
      caller.cannedResponses.update({ id: ids.ofBuero, teamId: buero, title: 'T', body: 'x'.repeat(10_001) }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(await rows()).toEqual(before);
    expect(await auditEvents()).toHaveLength(3);
  });

  it('forbids an agent to change a response of their own team', async () => {
    const ids = await seedResponses();
    await expectAppError(
      callerFor(database.db, agent).cannedResponses.update({ id: ids.ofBuero, teamId: buero, title: 'T', body: 'B' }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    expect((await rows()).find((row) => row.id === ids.ofBuero)?.title).toBe('Termin');
  });
});

describe('cannedResponses.remove', () => {
  it("lets a team lead remove their team's response and audits it", async () => {
    const ids = await seedResponses();
    await expect(callerFor(database.db, lead).cannedResponses.remove({ id: ids.ofBuero })).resolves.toEqual({ id: ids.ofBuero });
    expect((await rows()).map((row) => row.id)).toEqual([ids.everyTeam, ids.ofOrdnung]);
    expect((await auditEvents()).at(-1)).toEqual({
      actor_id: lead.id,
      action: 'canned_response.removed',
      entity_type: 'canned_response',
      entity_id: String(ids.ofBuero),
      details: JSON.stringify({ teamId: buero }),
    });
  });

  it("forbids a team lead to remove another team's or every team's response, and an agent any", async () => {
    const ids = await seedResponses();
    await expectAppError(
      callerFor(database.db, lead).cannedResponses.remove({ id: ids.ofOrdnung }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(
      callerFor(database.db, lead).cannedResponses.remove({ id: ids.everyTeam }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(
      callerFor(database.db, agent).cannedResponses.remove({ id: ids.ofBuero }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    expect(await rows()).toHaveLength(3);
    expect(await auditEvents()).toHaveLength(3);
  });

  it('lets an admin remove any response; a second removal is NOT_FOUND', async () => {
    const ids = await seedResponses();
    const caller = callerFor(database.db, admin);
    await caller.cannedResponses.remove({ id: ids.everyTeam });
    await expectAppError(caller.cannedResponses.remove({ id: ids.everyTeam }), 'NOT_FOUND', 'notFound');
    await expectAppError(caller.cannedResponses.remove({ id: 0 }), 'BAD_REQUEST', 'input.invalid');
    expect((await rows()).map((row) => row.id)).toEqual([ids.ofBuero, ids.ofOrdnung]);
  });
});

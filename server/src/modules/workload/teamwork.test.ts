import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LiveEvent, liveHub } from '../live/live-hub.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, secondProcessHandle, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { type InboundContact, recordInboundContact } from '../intake/intake.service.js';
import { escalateOverdueCases } from '../sla/sla.service.js';
import { NO_ACTOR } from '../../domain/actor.js';

let database: TestDatabase;
let teamId: number;
let otherTeamId: number;
let lead: SessionUser;
let anna: SessionUser;
let ben: SessionUser;

beforeEach(async () => {
  database = await createTestDatabase();
  teamId = await insertTestTeam(database.db, 'Bürgeramt');
  otherTeamId = await insertTestTeam(database.db, 'Ordnungsamt');
  lead = await insertTestUser(database.db, {
    email: 'lea.lead@musterstadt.example',
    role: 'team_lead',
    displayName: 'Lea Lead',
    teamIds: [teamId],
  });
  anna = await insertTestUser(database.db, {
    email: 'anna@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Agentin',
    teamIds: [teamId],
  });
  ben = await insertTestUser(database.db, {
    email: 'ben@musterstadt.example',
    role: 'agent',
    displayName: 'Ben Berater',
    teamIds: [teamId],
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

let mails = 0;
const mail = (fields: Partial<InboundContact> = {}) =>
  recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: 'berta@example.com', name: 'Berta Berg' },
    subject: 'Anliegen',
    text: 'Bitte um Rückruf.',
    externalMessageId: `<t${++mails}@example.com>`,
    ...fields,
  });
const caseRow = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const setTeam = (fields: { assignment_mode?: 'none' | 'round_robin' | 'least_open'; bundesland?: 'BY' | 'BE' | 'NW' }) =>
  database.db.updateTable('teams').set(fields).where('id', '=', teamId).execute();
const addRule = (position: number, kind: 'channel' | 'address' | 'category' | 'keyword', value: string, team: number) =>
  database.db.insertInto('routing_rules').values({ position, kind, value, team_id: team, created_at: 1 }).execute();
const notificationsOf = (userId: number) =>
  database.db.selectFrom('notifications').select(['kind', 'case_id']).where('user_id', '=', userId).orderBy('id').execute();
/** The instant of a Berlin wall-clock time, written with its offset. */
const at = (iso: string) => Date.parse(iso);

describe('routing rules', () => {
  it('sends a new case to the team of the first matching rule, by position', async () => {
    await addRule(2, 'channel', 'email', otherTeamId);
    await addRule(1, 'keyword', 'Sperrmüll', teamId);
    const bulky = await mail({ subject: 'Abholung', text: 'Wann wird der Sperrmuell abgeholt?' });
    const other = await mail({ subject: 'Frage', text: 'Wie lange dauert ein Reisepass?' });
    expect((await caseRow(bulky.caseId)).team_id).toBe(teamId);
    expect((await caseRow(other.caseId)).team_id).toBe(otherTeamId);
  });

  it('routes by receiving address and by category; a team given by the channel wins over rules', async () => {
    await addRule(1, 'address', 'ordnung@musterstadt.example', otherTeamId);
    const category = await database.db
      .insertInto('categories')
      .values({ name: 'Parken', default_team_id: null, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addRule(2, 'category', String(category.id), teamId);
    expect((await caseRow((await mail({ recipient: 'ordnung@musterstadt.example' })).caseId)).team_id).toBe(otherTeamId);
    expect((await caseRow((await mail({ categoryId: category.id })).caseId)).team_id).toBe(teamId);
    expect((await caseRow((await mail({ recipient: 'ordnung@musterstadt.example', teamId })).caseId)).team_id).toBe(teamId);
  });
});

describe('automatic assignment', () => {
  it('round robin: in turn, skipping absent members, and tells the agent', async () => {
    await setTeam({ assignment_mode: 'round_robin' });
    await database.db.updateTable('users').set({ absent: 1 }).where('id', '=', lead.id).execute();
    const assigned = [];
    for (let i = 0; i < 4; i++) assigned.push((await caseRow((await mail({ teamId })).caseId)).assignee_id);
    expect(assigned).toEqual([anna.id, ben.id, anna.id, ben.id]);
    expect((await notificationsOf(anna.id)).map((n) => n.kind)).toEqual(['assigned', 'assigned']);
  });

  it('least open cases: the member with the fewest open cases', async () => {
    await setTeam({ assignment_mode: 'least_open' });
    const citizen = await insertTestCitizen(database.db, 'Berg');
    for (const [n, assignee] of [
      [1, lead.id],
      [2, anna.id],
      [3, anna.id],
    ] as const) {
      await insertTestCase(database.db, {
        citizen_id: citizen,
        reference: `A-2020-00000${n}`,
        assignee_id: assignee,
        status: 'open',
      });
    }
    expect((await caseRow((await mail({ teamId })).caseId)).assignee_id).toBe(ben.id);
  });

  it('leaves new cases in the queue when the team does not assign', async () => {
    expect((await caseRow((await mail({ teamId })).caseId)).assignee_id).toBeNull();
  });
});

describe('SLA clock', () => {
  beforeEach(async () => {
    await database.db
      .insertInto('sla_policies')
      .values({ priority: 'normal', category_id: null, first_response_minutes: 120, resolution_minutes: 960, created_at: 1 })
      .execute();
  });

  it('counts business hours across a weekend: Friday 15:00 + 2 h is Monday 9:00', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-03-06T15:00:00+01:00'));
    const row = await caseRow((await mail({ teamId })).caseId);
    expect(row.first_response_due_at).toBe(at('2026-03-09T09:00:00+01:00'));
    // 16 business hours: the rest of Friday (1 h), Monday (8 h), Tuesday 8:00–15:00 (7 h).
    expect(row.resolution_due_at).toBe(at('2026-03-10T15:00:00+01:00'));
  });

  it('skips the Bundesland’s public holidays: Fronleichnam closes Bavaria, not Berlin', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-06-03T15:00:00+02:00'));
    await setTeam({ bundesland: 'BY' });
    expect((await caseRow((await mail({ teamId })).caseId)).first_response_due_at).toBe(at('2026-06-05T09:00:00+02:00'));
    await setTeam({ bundesland: 'BE' });
    expect((await caseRow((await mail({ teamId })).caseId)).first_response_due_at).toBe(at('2026-06-04T09:00:00+02:00'));
  });

  it('pauses while waiting for the citizen and resumes with the time that was left', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-03-02T09:00:00+01:00')); // Monday
    const { caseId } = await mail({ teamId });
    const agent = callerFor(database.db, anna);
    // Monday 10:00: the agent asks the citizen for documents; 15 of 16 business hours are left.
    vi.setSystemTime(at('2026-03-02T10:00:00+01:00'));
    await agent.cases.update({ id: caseId, version: (await caseRow(caseId)).version, status: 'waiting_citizen' });
    expect((await caseRow(caseId)).sla_paused_at).toBe(at('2026-03-02T10:00:00+01:00'));
    // The citizen answers on Wednesday 12:00: the clock runs again from there with 15 hours.
    vi.setSystemTime(at('2026-03-04T12:00:00+01:00'));
    await mail({ caseId, text: 'Hier die Unterlagen.' });
    const resumed = await caseRow(caseId);
    expect(resumed.status).toBe('open');
    expect(resumed.sla_paused_at).toBeNull();
    // Wednesday 12–16 (4 h), Thursday (8 h), Friday 8–11 (3 h).
    expect(resumed.resolution_due_at).toBe(at('2026-03-06T11:00:00+01:00'));
  });

  it('escalates an overdue case to the team’s leads once, and to nobody else', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-03-02T09:00:00+01:00'));
    const { caseId } = await mail({ teamId });
    const otherLead = await insertTestUser(database.db, {
      email: 'otto@musterstadt.example',
      role: 'team_lead',
      teamIds: [otherTeamId],
    });
    expect(await escalateOverdueCases(database.db, at('2026-03-02T10:59:00+01:00'))).toBe(0);
    expect(await escalateOverdueCases(database.db, at('2026-03-02T11:01:00+01:00'))).toBe(1);
    expect(await escalateOverdueCases(database.db, at('2026-03-02T12:00:00+01:00'))).toBe(0);
    expect(await notificationsOf(lead.id)).toEqual([{ kind: 'escalation', case_id: caseId }]);
    expect(await notificationsOf(otherLead.id)).toEqual([]);
    expect((await caseRow(caseId)).escalated_at).toBe(at('2026-03-02T11:01:00+01:00'));
  });

  it('escalates once when two server processes run the job at the same moment, and tells the lead once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-03-02T09:00:00+01:00'));
    const { caseId } = await mail({ teamId });
    const second = await secondProcessHandle(database);
    const told: LiveEvent[] = [];
    // Each process tells its own browsers (PostgreSQL would forward them to the other processes too).
    const hubs = [...new Set([liveHub(database.db), liveHub(second.db)])];
    const controller = new AbortController();
    const listening = hubs.map(async (hub) => {
      for await (const event of hub.events(controller.signal)) if (event.kind === 'notification') told.push(event);
    });
    const late = at('2026-03-02T11:01:00+01:00');
    const escalated = await Promise.all([escalateOverdueCases(database.db, late), escalateOverdueCases(second.db, late)]);
    await second.close();
    await vi.waitFor(() => expect(told.length).toBeGreaterThan(0));
    controller.abort();
    await Promise.all(listening);
    expect(escalated[0] + escalated[1]).toBe(1);
    expect(await notificationsOf(lead.id)).toEqual([{ kind: 'escalation', case_id: caseId }]);
    expect(told).toEqual([{ kind: 'notification', userId: lead.id }]);
  });
});

describe('team lead board and reassignment', () => {
  it('moves 500 cases in one transaction, with the reason in every timeline, and tells every open browser', async () => {
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const ids: number[] = [];
    for (let n = 1; n <= 500; n++) {
      ids.push(
        await insertTestCase(database.db, {
          citizen_id: citizen,
          reference: `A-2026-${String(n).padStart(6, '0')}`,
          team_id: teamId,
          assignee_id: anna.id,
          status: 'open',
        }),
      );
    }
    const events: LiveEvent[] = [];
    const controller = new AbortController();
    const listening = (async () => {
      for await (const event of liveHub(database.db).events(controller.signal)) events.push(event);
    })();
    await callerFor(database.db, lead).workload.reassign({ caseIds: ids, assigneeId: ben.id, reason: 'Anna ist im Urlaub' });
    controller.abort();
    await listening;

    const moved = await database.db.selectFrom('cases').select('assignee_id').where('id', 'in', ids).execute();
    expect(new Set(moved.map((row) => row.assignee_id))).toEqual(new Set([ben.id]));
    const notes = await database.db
      .selectFrom('interactions')
      .select(['text', 'metadata'])
      .where('channel', '=', 'note')
      .execute();
    expect(notes).toHaveLength(500);
    expect(notes[0]).toEqual({ text: 'Anna ist im Urlaub', metadata: JSON.stringify({ reassignedTo: 'Ben Berater' }) });
    expect(events).toContainEqual({ kind: 'cases', caseIds: ids });
    expect(events).toContainEqual({ kind: 'notification', userId: ben.id });
    expect(await notificationsOf(ben.id)).toHaveLength(500);
  });

  it('moves nothing when one case cannot move', async () => {
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const a = await insertTestCase(database.db, { citizen_id: citizen, reference: 'A-2026-000001', assignee_id: anna.id });
    const merged = await insertTestCase(database.db, { citizen_id: citizen, reference: 'A-2026-000002', merged_into_id: a });
    const api = callerFor(database.db, lead);
    await expectAppError(
      api.workload.reassign({ caseIds: [a, merged], assigneeId: ben.id, reason: 'Umverteilung' }),
      'CONFLICT',
      'cases.merged',
    );
    await expectAppError(
      api.workload.reassign({ caseIds: [a, 999], assigneeId: ben.id, reason: 'Umverteilung' }),
      'NOT_FOUND',
      'notFound',
    );
    expect((await caseRow(a)).assignee_id).toBe(anna.id);
    expect(await database.db.selectFrom('interactions').select('id').execute()).toEqual([]);
  });

  it('marks an agent absent and moves their open cases to the queue in one step', async () => {
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const open = await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000001',
      team_id: teamId,
      assignee_id: anna.id,
      status: 'open',
    });
    const done = await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000002',
      team_id: teamId,
      assignee_id: anna.id,
      status: 'closed',
    });
    await callerFor(database.db, lead).workload.setAbsent({
      userId: anna.id,
      absent: true,
      moveCasesTo: 'queue',
      reason: 'Krank',
    });
    expect((await caseRow(open)).assignee_id).toBeNull();
    expect((await caseRow(done)).assignee_id).toBe(anna.id);
    const board = await callerFor(database.db, lead).workload.board({ teamId });
    expect(board.members.find((m) => m.id === anna.id)).toMatchObject({ absent: true, open: 0 });
    expect(board.unassigned).toBe(1);
  });

  it('with CASE_ACCESS=team moves only the cases the lead may open; another team’s case stays for its own lead', async () => {
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const ours = await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000001',
      team_id: teamId,
      assignee_id: anna.id,
      status: 'open',
    });
    const theirs = await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000002',
      team_id: otherTeamId,
      assignee_id: anna.id,
      status: 'open',
    });
    const api = callerFor(database.db, lead, { env: testEnv({ CASE_ACCESS: 'team' }) });
    expect(await api.workload.setAbsent({ userId: anna.id, absent: true, moveCasesTo: 'queue', reason: 'Krank' })).toEqual({
      moved: 1,
    });
    expect((await caseRow(ours)).assignee_id).toBeNull();
    expect((await caseRow(theirs)).assignee_id).toBe(anna.id);
  });

  // Issue 14 item 16: the same rule as cases.update, from the same function.
  it('moves cases only to an active caseworker; with CASE_ACCESS=team only to one who may open them', async () => {
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const ours = await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000001',
      team_id: teamId,
      assignee_id: anna.id,
      status: 'open',
    });
    const supervisor = await insertTestUser(database.db, { email: 'sven@musterstadt.example', role: 'supervisor' });
    const inactive = await insertTestUser(database.db, {
      email: 'ina@musterstadt.example',
      role: 'agent',
      teamIds: [teamId],
      active: false,
    });
    const stranger = await insertTestUser(database.db, {
      email: 'olaf@musterstadt.example',
      role: 'agent',
      teamIds: [otherTeamId],
    });
    const api = callerFor(database.db, lead);
    const teamApi = callerFor(database.db, lead, { env: testEnv({ CASE_ACCESS: 'team' }) });
    for (const assigneeId of [supervisor.id, inactive.id]) {
      await expectAppError(
        api.workload.reassign({ caseIds: [ours], assigneeId, reason: 'Umverteilung' }),
        'BAD_REQUEST',
        'cases.assigneeNotCaseworker',
      );
      await expectAppError(
        api.workload.setAbsent({ userId: anna.id, absent: true, moveCasesTo: assigneeId, reason: 'Krank' }),
        'BAD_REQUEST',
        'cases.assigneeNotCaseworker',
      );
    }
    // Olaf is in the Ordnungsamt: he may not open the Bürgeramt's case, so he cannot be given it there.
    await expectAppError(
      teamApi.workload.reassign({ caseIds: [ours], assigneeId: stranger.id, reason: 'Umverteilung' }),
      'BAD_REQUEST',
      'cases.assigneeOutsideTeam',
    );
    await expectAppError(
      teamApi.workload.setAbsent({ userId: anna.id, absent: true, moveCasesTo: stranger.id, reason: 'Krank' }),
      'BAD_REQUEST',
      'cases.assigneeOutsideTeam',
    );
    expect((await caseRow(ours)).assignee_id).toBe(anna.id);
    expect(await database.db.selectFrom('users').select('absent').where('id', '=', anna.id).executeTakeFirstOrThrow()).toEqual({
      absent: 0,
    });
    // Moved to his team in the same step, the case is his to open.
    await teamApi.workload.reassign({ caseIds: [ours], assigneeId: stranger.id, teamId: otherTeamId, reason: 'Zuständigkeit' });
    expect(await caseRow(ours)).toMatchObject({ assignee_id: stranger.id, team_id: otherTeamId });
    // With CASE_ACCESS=all anyone active may take it.
    await api.workload.reassign({ caseIds: [ours], assigneeId: ben.id, reason: 'Zurück' });
    expect((await caseRow(ours)).assignee_id).toBe(ben.id);
  });

  it('counts each member’s open, overdue and due-today cases', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-03-02T10:00:00+01:00'));
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const due = [at('2026-03-01T12:00:00+01:00'), at('2026-03-02T15:00:00+01:00'), at('2026-03-03T15:00:00+01:00')];
    for (const [n, resolutionDue] of due.entries()) {
      await insertTestCase(database.db, {
        citizen_id: citizen,
        reference: `A-2026-00000${n + 1}`,
        team_id: teamId,
        assignee_id: anna.id,
        status: 'open',
        resolution_due_at: resolutionDue,
      });
    }
    const board = await callerFor(database.db, lead).workload.board({ teamId });
    expect(board.members.find((m) => m.id === anna.id)).toMatchObject({ open: 3, overdue: 1, dueToday: 1 });
    expect(board.cases.map((c) => c.reference)).toEqual(['A-2026-000001', 'A-2026-000002', 'A-2026-000003']);
  });

  // Issue 16: the board was in resolution-target order but shows each case's next target (an unanswered first
  // response comes first): 9 days overdue after 5 days overdue, "in 6 Minuten" between overdue cases.
  it('lists the team’s cases by their next target: most overdue first, then the soonest due, paused ones, none', async () => {
    const now = at('2026-03-02T10:00:00+01:00');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const minute = 60_000;
    const day = 24 * 60 * minute;
    const cases: [string, Partial<Parameters<typeof insertTestCase>[1]>][] = [
      // No answer for 9 days: overdue by its first response, though the resolution is days away.
      ['nine days overdue', { first_response_due_at: now - 9 * day, resolution_due_at: now + 3 * day }],
      [
        'five days overdue',
        { first_response_at: now - 6 * day, first_response_due_at: now - 7 * day, resolution_due_at: now - 5 * day },
      ],
      ['in six minutes', { first_response_due_at: now + 6 * minute, resolution_due_at: now + 2 * day }],
      ['in four days', { first_response_at: now - day, resolution_due_at: now + 4 * day }],
      ['no target', {}],
      // Waiting for the citizen: its clock stands still, whatever the target said.
      ['paused', { status: 'waiting_citizen', sla_paused_at: now - 30 * day, resolution_due_at: now - 20 * day }],
    ];
    const shuffled = [4, 2, 5, 0, 3, 1];
    for (const index of shuffled) {
      const [subject, fields] = cases[index]!;
      await insertTestCase(database.db, {
        citizen_id: citizen,
        reference: `A-2026-00001${index}`,
        subject,
        team_id: teamId,
        status: 'open',
        ...fields,
      });
    }
    const board = await callerFor(database.db, lead).workload.board({ teamId });
    expect(board.cases.map((c) => c.subject)).toEqual([
      'nine days overdue',
      'five days overdue',
      'in six minutes',
      'in four days',
      'paused',
      'no target',
    ]);
  });

  it('shows a lead only their own teams', async () => {
    await expectAppError(callerFor(database.db, lead).workload.board({ teamId: otherTeamId }), 'FORBIDDEN', 'auth.forbidden');
    const stranger = await insertTestUser(database.db, { email: 'x@musterstadt.example', role: 'agent', teamIds: [otherTeamId] });
    await expectAppError(
      callerFor(database.db, lead).workload.setAbsent({ userId: stranger.id, absent: true, moveCasesTo: 'keep' }),
      'FORBIDDEN',
      'auth.forbidden',
    );
  });

  // Found by the bad-input property test: `in ()` is a syntax error on PostgreSQL (a 500), not on SQLite.
  it('refuses a lead without any team, with a clear error rather than a failing query', async () => {
    const lonely = await insertTestUser(database.db, { email: 'ohne-team@musterstadt.example', role: 'team_lead' });
    await expectAppError(
      callerFor(database.db, lonely).workload.setAbsent({ userId: anna.id, absent: true, moveCasesTo: 'keep' }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(callerFor(database.db, lonely).workload.board({ teamId }), 'FORBIDDEN', 'auth.forbidden');
  });
});

describe('notifications', () => {
  it('tells a person who is mentioned in an internal note, or given a case by someone else', async () => {
    const { caseId } = await mail({ teamId });
    const api = callerFor(database.db, anna);
    await api.cases.addInteraction({ caseId, kind: 'note', text: 'Bitte übernehmen, @Ben Berater. Danke @lea.lead!' });
    expect((await notificationsOf(ben.id)).map((n) => n.kind)).toEqual(['mention']);
    expect((await notificationsOf(lead.id)).map((n) => n.kind)).toEqual(['mention']);
    await api.cases.update({ id: caseId, version: (await caseRow(caseId)).version, assigneeId: ben.id });
    expect((await notificationsOf(ben.id)).map((n) => n.kind)).toEqual(['mention', 'assigned']);

    const list = await callerFor(database.db, ben).notifications.list();
    expect(list.unread).toBe(2);
    expect(list.items[0]).toMatchObject({ kind: 'assigned', actorName: 'Anna Agentin' });
    await callerFor(database.db, ben).notifications.markRead({});
    expect((await callerFor(database.db, ben).notifications.list()).unread).toBe(0);
  });
});

describe('presence', () => {
  it('shows who is on a case and whether they write, until they leave', async () => {
    const { caseId } = await mail();
    await callerFor(database.db, anna).live.setPresence({ caseId, state: 'viewing' });
    await callerFor(database.db, ben).live.setPresence({ caseId, state: 'replying' });
    expect(await callerFor(database.db, lead).live.presence({ caseId })).toEqual([
      { userId: anna.id, name: 'Anna Agentin', state: 'viewing' },
      { userId: ben.id, name: 'Ben Berater', state: 'replying' },
    ]);
    await callerFor(database.db, ben).live.setPresence({ caseId, state: 'left' });
    expect((await callerFor(database.db, lead).live.presence({ caseId })).map((p) => p.userId)).toEqual([anna.id]);
  });
});

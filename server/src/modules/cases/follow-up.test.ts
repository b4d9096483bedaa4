import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrations } from '../../db/migrations/index.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, secondProcessHandle, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { type LiveEvent, liveHub } from '../live/live-hub.js';
import { returnDueFollowUps } from './follow-up.service.js';

/**
 * "Wiedervorlage": a case waits until a day (for the citizen's documents), out of the inbox's views, and comes back
 * on that day to its agent's inbox and bell (issue 16). Times are Berlin's; the follow-up day starts at midnight.
 */
const at = (iso: string) => Date.parse(iso);
/** A Monday; Anna works on a case of hers. */
const MONDAY = at('2027-01-04T09:00:00+01:00');
const FIFTEENTH = at('2027-01-15T00:00:00+01:00');

let database: TestDatabase;
let teamId: number;
let lead: SessionUser;
let anna: SessionUser;
let annaApi: ReturnType<typeof callerFor>;
let citizenId: number;

beforeEach(async () => {
  database = await createTestDatabase();
  teamId = await insertTestTeam(database.db, 'Bürgeramt');
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
  annaApi = callerFor(database.db, anna);
  citizenId = await insertTestCitizen(database.db, 'Berg', 'Berta');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(MONDAY);
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

const caseRow = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const versionOf = async (id: number) => (await caseRow(id)).version;
const notificationsOf = (userId: number) =>
  database.db.selectFrom('notifications').select(['kind', 'case_id']).where('user_id', '=', userId).orderBy('id').execute();
const auditDetails = async () =>
  (
    await database.db.selectFrom('audit_events').select('details').where('action', '=', 'case.updated').orderBy('id').execute()
  ).map((row) => JSON.parse(row.details ?? '{}') as Record<string, unknown>);
/** The ids of the cases a view lists for Anna (all she may see, first page). */
const view = async (name: 'mine' | 'team_unassigned' | 'open' | 'all', api = annaApi) =>
  (await api.cases.list({ view: name, limit: 200 })).items.map((item) => item.id);

/** A case of Anna's (she takes the call), in her team. */
async function annasCase(subject = 'Wohngeld: Unterlagen fehlen') {
  const created = await annaApi.cases.create({ citizenId, subject, channel: 'phone', text: 'Frau Berg ruft an.', teamId });
  return created;
}

describe('setting a follow-up date', () => {
  it('takes the case out of the inbox views until its day, and shows the day on the case and in "all"', async () => {
    const { id, reference } = await annasCase();
    expect(await view('mine')).toEqual([id]);

    await annaApi.cases.update({ id, version: await versionOf(id), status: 'waiting_citizen', followUpOn: '2027-01-15' });
    expect((await caseRow(id)).follow_up_at).toBe(FIFTEENTH);
    expect(await view('mine')).toEqual([]);
    expect(await view('open')).toEqual([]);
    expect(await view('all')).toEqual([id]);
    const [listed] = (await annaApi.cases.list({ view: 'all' })).items;
    expect(listed?.followUpAt).toBe(FIFTEENTH);
    expect((await annaApi.cases.byReference({ reference })).case.followUpAt).toBe(FIFTEENTH);

    // Audited as an instant (not personal data), never as the typed text.
    expect((await auditDetails()).at(-1)).toEqual({ status: 'waiting_citizen', followUpAt: FIFTEENTH, fromStatus: 'open' });
  });

  it('keeps an unassigned case out of the team’s queue too', async () => {
    const { id } = await annasCase();
    await annaApi.cases.update({ id, version: await versionOf(id), assigneeId: null });
    expect(await view('team_unassigned')).toEqual([id]);
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-15' });
    expect(await view('team_unassigned')).toEqual([]);
  });

  it('brings the case back at once when the follow-up is cleared (audited as null)', async () => {
    const { id } = await annasCase();
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-15' });
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: null });
    expect((await caseRow(id)).follow_up_at).toBeNull();
    expect(await view('mine')).toEqual([id]);
    expect((await auditDetails()).at(-1)).toEqual({ followUpAt: null, fromStatus: 'open' });
  });

  it('refuses today, the past, more than a year ahead, a day that does not exist and a finished case', async () => {
    const { id } = await annasCase();
    const version = await versionOf(id);
    await expectAppError(
      annaApi.cases.update({ id, version, followUpOn: '2027-01-04' }),
      'BAD_REQUEST',
      'cases.followUpNotFuture',
    );
    await expectAppError(
      annaApi.cases.update({ id, version, followUpOn: '2026-12-24' }),
      'BAD_REQUEST',
      'cases.followUpNotFuture',
    );
    await expectAppError(annaApi.cases.update({ id, version, followUpOn: '2028-01-05' }), 'BAD_REQUEST', 'cases.followUpTooFar');
    await expectAppError(annaApi.cases.update({ id, version, followUpOn: '2027-02-30' }), 'BAD_REQUEST', 'input.invalid');
    await expectAppError(annaApi.cases.update({ id, version, followUpOn: '15.01.2027' }), 'BAD_REQUEST', 'input.invalid');
    await expectAppError(
      annaApi.cases.update({ id, version, status: 'resolved', followUpOn: '2027-01-15' }),
      'BAD_REQUEST',
      'cases.followUpFinished',
    );
    await annaApi.cases.update({ id, version, status: 'closed' });
    await expectAppError(
      annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-15' }),
      'BAD_REQUEST',
      'cases.followUpFinished',
    );
    expect((await caseRow(id)).follow_up_at).toBeNull();
    // A year ahead is the last day allowed.
    await annaApi.cases.update({ id, version: await versionOf(id), status: 'open' });
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2028-01-04' });
    expect((await caseRow(id)).follow_up_at).toBe(at('2028-01-04T00:00:00+01:00'));
  });

  it('is an edit like the others: a stale version is refused', async () => {
    const { id } = await annasCase();
    const version = await versionOf(id);
    await annaApi.cases.update({ id, version, priority: 'high' });
    await expectAppError(annaApi.cases.update({ id, version, followUpOn: '2027-01-15' }), 'CONFLICT', 'conflict.staleVersion');
    expect((await caseRow(id)).follow_up_at).toBeNull();
  });

  it('is refused like any edit for another team’s case (CASE_ACCESS=team)', async () => {
    const { id } = await annasCase();
    const otherTeam = await insertTestTeam(database.db, 'Ordnungsamt');
    const ben = await insertTestUser(database.db, { email: 'ben@musterstadt.example', role: 'agent', teamIds: [otherTeam] });
    const benApi = callerFor(database.db, ben, { env: testEnv({ CASE_ACCESS: 'team' }) });
    await expectAppError(
      benApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-15' }),
      'NOT_FOUND',
      'notFound',
    );
    expect((await caseRow(id)).follow_up_at).toBeNull();
  });
});

describe('coming back', () => {
  it('shows in the views from the day’s start and is announced to the agent once when the job runs', async () => {
    const { id } = await annasCase();
    await annaApi.cases.update({ id, version: await versionOf(id), status: 'waiting_citizen', followUpOn: '2027-01-15' });
    const versionBefore = await versionOf(id);

    expect(await returnDueFollowUps(database.db, FIFTEENTH - 1)).toBe(0);
    expect(await notificationsOf(anna.id)).toEqual([]);

    // Midnight: back in Anna's inbox even before the job has run (the job looks once a minute).
    vi.setSystemTime(FIFTEENTH);
    expect(await view('mine')).toEqual([id]);

    const told: LiveEvent[] = [];
    const controller = new AbortController();
    const listening = (async () => {
      for await (const event of liveHub(database.db).events(controller.signal)) told.push(event);
    })();
    expect(await returnDueFollowUps(database.db, FIFTEENTH + 30_000)).toBe(1);
    await vi.waitFor(() => expect(told.length).toBeGreaterThanOrEqual(2));
    controller.abort();
    await listening;
    expect(told).toEqual(
      expect.arrayContaining([
        { kind: 'cases', caseIds: [id] },
        { kind: 'notification', userId: anna.id },
      ]),
    );
    expect(await notificationsOf(anna.id)).toEqual([{ kind: 'follow_up', case_id: id }]);
    expect(await notificationsOf(lead.id)).toEqual([]);
    const row = await caseRow(id);
    expect(row.follow_up_at).toBeNull();
    // The SLA stays as the status says: still paused while waiting for the citizen. The editor's version stays too.
    expect(row.status).toBe('waiting_citizen');
    expect(row.sla_paused_at).toBe(MONDAY);
    expect(row.version).toBe(versionBefore);
    expect(await view('mine')).toEqual([id]);
    expect((await annaApi.notifications.list()).items.map((item) => item.kind)).toEqual(['follow_up']);

    // Once.
    expect(await returnDueFollowUps(database.db, FIFTEENTH + 60_000)).toBe(0);
    expect(await notificationsOf(anna.id)).toHaveLength(1);
  });

  it('tells the team’s leads when nobody holds the case', async () => {
    const { id } = await annasCase();
    await annaApi.cases.update({ id, version: await versionOf(id), assigneeId: null, followUpOn: '2027-01-15' });
    const otherTeam = await insertTestTeam(database.db, 'Ordnungsamt');
    const otherLead = await insertTestUser(database.db, {
      email: 'otto@musterstadt.example',
      role: 'team_lead',
      teamIds: [otherTeam],
    });
    expect(await returnDueFollowUps(database.db, FIFTEENTH)).toBe(1);
    expect(await notificationsOf(lead.id)).toEqual([{ kind: 'follow_up', case_id: id }]);
    expect(await notificationsOf(otherLead.id)).toEqual([]);
    expect(await notificationsOf(anna.id)).toEqual([]);
    expect(await view('team_unassigned')).toEqual([id]);
  });

  it('comes back before the day when the citizen answers', async () => {
    const { id } = await annasCase();
    await database.db
      .insertInto('contact_points')
      .values({
        citizen_id: citizenId,
        kind: 'email',
        value: 'berta@example.com',
        normalized: 'berta@example.com',
        is_primary: 1,
        created_at: 1,
      })
      .execute();
    await annaApi.cases.update({ id, version: await versionOf(id), status: 'waiting_citizen', followUpOn: '2027-01-15' });
    await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'email',
      from: { email: 'berta@example.com', name: 'Berta Berg' },
      subject: 'Unterlagen',
      text: 'Anbei die Unterlagen.',
      externalMessageId: '<unterlagen@example.com>',
      caseId: id,
    });
    const row = await caseRow(id);
    expect(row.follow_up_at).toBeNull();
    expect(row.status).toBe('open');
    expect(await view('mine')).toEqual([id]);
  });

  it('is dropped when the case is finished, and a finished case is never announced', async () => {
    const { id } = await annasCase();
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-15' });
    await annaApi.cases.update({ id, version: await versionOf(id), status: 'resolved' });
    expect((await caseRow(id)).follow_up_at).toBeNull();

    // A merged case is closed without an edit (merge-cases.service): its follow-up is cleared silently when due.
    const second = await annasCase('Zweiter Fall');
    await database.db
      .updateTable('cases')
      .set({ follow_up_at: FIFTEENTH, status: 'closed', merged_into_id: id })
      .where('id', '=', second.id)
      .execute();
    expect(await returnDueFollowUps(database.db, FIFTEENTH)).toBe(0);
    expect((await caseRow(second.id)).follow_up_at).toBeNull();
    expect(await notificationsOf(anna.id)).toEqual([]);
  });

  it('announces once when two server processes run the job at the same moment', async () => {
    const { id } = await annasCase();
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-15' });
    const second = await secondProcessHandle(database);
    const returned = await Promise.all([returnDueFollowUps(database.db, FIFTEENTH), returnDueFollowUps(second.db, FIFTEENTH)]);
    await second.close();
    expect(returned[0] + returned[1]).toBe(1);
    expect(await notificationsOf(anna.id)).toEqual([{ kind: 'follow_up', case_id: id }]);
  });

  it('leaves a follow-up alone that the agent moved further meanwhile', async () => {
    const { id } = await annasCase();
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-15' });
    // Anna moves it to the 20th; a job that read the case before still finds nothing due to claim.
    await annaApi.cases.update({ id, version: await versionOf(id), followUpOn: '2027-01-20' });
    expect(await returnDueFollowUps(database.db, FIFTEENTH)).toBe(0);
    expect((await caseRow(id)).follow_up_at).toBe(at('2027-01-20T00:00:00+01:00'));
  });
});

describe('the migration', () => {
  it('keeps existing notifications and accepts the new kind, no other', async () => {
    await database.destroy();
    database = await createTestDatabase({ migrate: false });
    const names = Object.keys(migrations);
    const before = names[names.indexOf('20261207010000_follow_up') - 1]!;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    teamId = await insertTestTeam(database.db, 'Bürgeramt');
    anna = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [teamId] });
    citizenId = await insertTestCitizen(database.db, 'Berg', 'Berta');
    const caseId = (
      await database.db
        .insertInto('cases')
        .values({
          reference: 'A-2027-000001',
          citizen_id: citizenId,
          subject: 'Anliegen',
          status: 'open',
          priority: 'normal',
          category_id: null,
          team_id: teamId,
          assignee_id: anna.id,
          origin_channel: 'phone',
          created_by_id: null,
          merged_into_id: null,
          created_at: 1,
          updated_at: 1,
          version: 1,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const notification = { user_id: anna.id, case_id: caseId, actor_id: null, created_at: 5, read_at: null };
    await database.db
      .insertInto('notifications')
      .values({ ...notification, kind: 'escalation' })
      .execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await database.db
      .insertInto('notifications')
      .values({ ...notification, kind: 'follow_up' })
      .execute();
    await expect(
      database.db
        .insertInto('notifications')
        .values({ ...notification, kind: 'reminder' as never })
        .execute(),
    ).rejects.toThrow();
    expect(await notificationsOf(anna.id)).toEqual([
      { kind: 'escalation', case_id: caseId },
      { kind: 'follow_up', case_id: caseId },
    ]);
    expect((await caseRow(caseId)).follow_up_at).toBeNull();
  });
});

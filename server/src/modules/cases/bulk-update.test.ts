import { CASE_STATUSES, type CaseStatus, VIEW_COUNT_CAP } from '@anliegen/shared';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { type LiveEvent, liveHub } from '../live/live-hub.js';

/**
 * Bulk actions in the inbox (issue 16): one action on many cases, all or nothing, each case audited, one live update;
 * and the inbox's count per view, equal to counting the view's cases one by one (up to the cap).
 */
let database: TestDatabase;
let teamId: number;
let otherTeamId: number;
let anna: SessionUser;
let ben: SessionUser;
let annaApi: ReturnType<typeof callerFor>;
let citizenId: number;
let serial = 0;

beforeEach(async () => {
  database = await createTestDatabase();
  teamId = await insertTestTeam(database.db, 'Bürgeramt');
  otherTeamId = await insertTestTeam(database.db, 'Ordnungsamt');
  anna = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [teamId] });
  ben = await insertTestUser(database.db, { email: 'ben@musterstadt.example', role: 'agent', teamIds: [teamId] });
  annaApi = callerFor(database.db, anna, { env: testEnv({ CASE_ACCESS: 'team' }) });
  citizenId = await insertTestCitizen(database.db, 'Berg', 'Berta');
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

const newCase = (fields: Partial<Parameters<typeof insertTestCase>[1]> = {}) =>
  insertTestCase(database.db, {
    citizen_id: citizenId,
    reference: `A-2026-${String(++serial).padStart(6, '0')}`,
    team_id: teamId,
    created_at: 1_000 + serial,
    updated_at: 1_000 + serial,
    ...fields,
  });
const rowsOf = (ids: number[]) => database.db.selectFrom('cases').selectAll().where('id', 'in', ids).orderBy('id').execute();
const audits = (action: string) =>
  database.db
    .selectFrom('audit_events')
    .select(['entity_id', 'details'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()
    .then((rows) =>
      rows.map((row) => ({ entityId: Number(row.entity_id), details: JSON.parse(row.details ?? '{}') as unknown })),
    );

describe('a bulk action', () => {
  it('sets the status of every selected case, audits each, and announces one change', async () => {
    const ids = [await newCase(), await newCase(), await newCase({ status: 'waiting_citizen' })];
    const received: LiveEvent[] = [];
    const controller = new AbortController();
    const listening = (async () => {
      for await (const event of liveHub(database.db).events(controller.signal)) received.push(event);
    })();
    expect(await annaApi.cases.bulkUpdate({ ids, action: { kind: 'status', status: 'resolved' } })).toEqual({ changed: 3 });
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(1));
    controller.abort();
    await listening;
    const rows = await rowsOf(ids);
    expect(rows.map((row) => [row.status, row.version, row.resolved_at !== null])).toEqual([
      ['resolved', 2, true],
      ['resolved', 2, true],
      ['resolved', 2, true],
    ]);
    expect(await audits('case.updated')).toEqual(
      ids.map((id, i) => ({
        entityId: id,
        details: { status: 'resolved', fromStatus: i === 2 ? 'waiting_citizen' : 'new', bulk: 3 },
      })),
    );
    expect(received.filter((event) => event.kind === 'cases')).toEqual([{ kind: 'cases', caseIds: ids }]);
  });

  it('changes nothing when one selected case is one the agent may not open', async () => {
    const ours = [await newCase(), await newCase()];
    const theirs = await newCase({ team_id: otherTeamId });
    await expectAppError(
      annaApi.cases.bulkUpdate({ ids: [...ours, theirs], action: { kind: 'assign', assigneeId: anna.id } }),
      'NOT_FOUND',
      'notFound',
    );
    expect((await rowsOf([...ours, theirs])).map((row) => [row.assignee_id, row.version])).toEqual([
      [null, 1],
      [null, 1],
      [null, 1],
    ]);
    expect(await audits('case.updated')).toEqual([]);
  });

  it('changes nothing when the action does not fit one case (a follow-up date on a closed case)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2027-01-04T09:00:00+01:00'));
    const open = await newCase({ status: 'open' });
    const closed = await newCase({ status: 'closed' });
    await expectAppError(
      annaApi.cases.bulkUpdate({ ids: [open, closed], action: { kind: 'followUp', followUpOn: '2027-01-15' } }),
      'BAD_REQUEST',
      'cases.followUpFinished',
    );
    expect((await rowsOf([open, closed])).map((row) => row.follow_up_at)).toEqual([null, null]);
    await annaApi.cases.bulkUpdate({ ids: [open], action: { kind: 'followUp', followUpOn: '2027-01-15' } });
    expect((await rowsOf([open]))[0]?.follow_up_at).toBe(Date.parse('2027-01-15T00:00:00+01:00'));
  });

  it("assigns to a colleague, moves to a team, and refuses an assignee outside the cases' team", async () => {
    const ids = [await newCase(), await newCase({ assignee_id: ben.id })];
    await annaApi.cases.bulkUpdate({ ids, action: { kind: 'assign', assigneeId: ben.id } });
    expect((await rowsOf(ids)).map((row) => [row.assignee_id, row.version])).toEqual([
      [ben.id, 2],
      [ben.id, 1],
    ]);
    const olga = await insertTestUser(database.db, { email: 'olga@musterstadt.example', role: 'agent', teamIds: [otherTeamId] });
    await expectAppError(
      annaApi.cases.bulkUpdate({ ids, action: { kind: 'assign', assigneeId: olga.id } }),
      'BAD_REQUEST',
      'cases.assigneeOutsideTeam',
    );
    await annaApi.cases.bulkUpdate({ ids, action: { kind: 'team', teamId: null } });
    expect((await rowsOf(ids)).map((row) => row.team_id)).toEqual([null, null]);
  });

  it('adds and removes a tag on every selected case', async () => {
    const ids = [await newCase(), await newCase()];
    await annaApi.cases.setTags({ caseId: ids[0]!, version: 1, names: ['Eilt'] });
    await annaApi.cases.bulkUpdate({ ids, action: { kind: 'addTag', name: 'eilt' } });
    const rows = (await annaApi.cases.list({ view: 'all' })).items;
    expect(rows.map((row) => row.tags.map((tag) => tag.name))).toEqual([['Eilt'], ['Eilt']]);
    const tagId = rows[0]!.tags[0]!.id;
    expect((await audits('case.tagged')).map((event) => event.details)).toEqual([
      { added: [tagId], removed: [] },
      { added: [tagId], removed: [], bulk: 2 },
    ]);
    await annaApi.cases.bulkUpdate({ ids, action: { kind: 'removeTag', tagId } });
    expect((await annaApi.cases.list({ view: 'all' })).items.map((row) => row.tags)).toEqual([[], []]);
  });

  it('merges the selected cases into one, or none when one belongs to another citizen', async () => {
    const ids = [await newCase(), await newCase(), await newCase()];
    const stranger = await newCase({ citizen_id: await insertTestCitizen(database.db, 'Fremd') });
    await expectAppError(
      annaApi.cases.bulkUpdate({ ids: [...ids, stranger], action: { kind: 'merge', targetId: ids[0]! } }),
      'BAD_REQUEST',
      'cases.differentCitizens',
    );
    expect((await rowsOf(ids)).map((row) => row.merged_into_id)).toEqual([null, null, null]);
    await annaApi.cases.bulkUpdate({ ids, action: { kind: 'merge', targetId: ids[0]! } });
    expect((await rowsOf(ids)).map((row) => [row.merged_into_id, row.status])).toEqual([
      [null, 'new'],
      [ids[0], 'closed'],
      [ids[0], 'closed'],
    ]);
  });

  it('refuses more cases than the maximum, and a merge target outside the selection', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => i + 1);
    await expectAppError(
      annaApi.cases.bulkUpdate({ ids, action: { kind: 'status', status: 'open' } }),
      'BAD_REQUEST',
      'input.invalid',
    );
    await expectAppError(
      annaApi.cases.bulkUpdate({ ids: [1, 2], action: { kind: 'merge', targetId: 3 } }),
      'BAD_REQUEST',
      'input.invalid',
    );
  });
});

describe('the count per view', () => {
  it('equals counting the cases each view lists, for generated cases', async () => {
    const lead = await insertTestUser(database.db, { email: 'lea@musterstadt.example', role: 'team_lead', teamIds: [teamId] });
    const api = (env: 'all' | 'team') => callerFor(database.db, anna, { env: testEnv({ CASE_ACCESS: env }) });
    const now = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            status: fc.constantFrom<CaseStatus>(...CASE_STATUSES),
            assignee: fc.constantFrom(anna.id, ben.id, lead.id, null),
            team: fc.constantFrom(teamId, otherTeamId, null),
            followUp: fc.constantFrom(null, now - 86_400_000, now + 86_400_000),
          }),
          { maxLength: 25 },
        ),
        fc.constantFrom('all' as const, 'team' as const),
        async (cases, mode) => {
          await database.db.deleteFrom('cases').execute();
          for (const c of cases) {
            await newCase({ status: c.status, assignee_id: c.assignee, team_id: c.team, follow_up_at: c.followUp });
          }
          const caller = api(mode);
          const counts = await caller.cases.viewCounts();
          for (const view of ['mine', 'team_unassigned', 'open', 'all'] as const) {
            const listed = (await caller.cases.list({ view, limit: 200 })).items.length;
            expect(counts[view], view).toBe(listed);
          }
        },
      ),
      { numRuns: 15, seed: 16 },
    );
  });

  it(`stops counting at ${VIEW_COUNT_CAP}`, async () => {
    const values = Array.from({ length: VIEW_COUNT_CAP + 5 }, (_, i) => ({
      citizen_id: citizenId,
      reference: `B-2026-${String(i).padStart(6, '0')}`,
      subject: 'Anliegen',
      status: 'open' as const,
      priority: 'normal' as const,
      team_id: teamId,
      assignee_id: i < 3 ? anna.id : null,
      origin_channel: 'email' as const,
      created_at: i,
      updated_at: i,
      version: 1,
    }));
    for (let i = 0; i < values.length; i += 200)
      await database.db
        .insertInto('cases')
        .values(values.slice(i, i + 200))
        .execute();
    expect(await annaApi.cases.viewCounts()).toEqual({
      mine: 3,
      team_unassigned: VIEW_COUNT_CAP,
      open: VIEW_COUNT_CAP,
      all: VIEW_COUNT_CAP,
    });
  });
});

import type { Channel, Direction, StatisticsInput, StatisticsResult } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase } from '../../test/fixtures.js';
import { insertStatisticsTown } from '../../test/statistics-town.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { insertInteraction } from '../cases/interactions.repo.js';
import { planPeriods } from './berlin-periods.js';
import { NO_ACTOR } from '../../domain/actor.js';

/** The instant of a Berlin wall-clock time, written with its offset. */
const at = (iso: string) => Date.parse(iso);

let database: TestDatabase;
let buergeramt: number;
let ordnungsamt: number;
let pass: number;
let parken: number;
let citizen: number;
let supervisor: SessionUser;
let admin: SessionUser;
let lea: SessionUser;
let olaf: SessionUser;
let anna: SessionUser;
let ben: SessionUser;

beforeEach(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ({ buergeramt, ordnungsamt, pass, parken, citizen, supervisor, admin, lea } = await insertStatisticsTown(db));
  olaf = await insertTestUser(db, {
    email: 'olaf@musterstadt.example',
    role: 'team_lead',
    displayName: 'Olaf Ordnung',
    teamIds: [ordnungsamt],
  });
  anna = await insertTestUser(db, {
    email: 'anna@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Agentin',
    teamIds: [buergeramt],
  });
  ben = await insertTestUser(db, {
    email: 'ben@musterstadt.example',
    role: 'agent',
    displayName: 'Ben Berater',
    teamIds: [ordnungsamt],
  });
  // Inactive: in no workload.
  await insertTestUser(db, {
    email: 'ina@musterstadt.example',
    role: 'agent',
    displayName: 'Ina Inaktiv',
    teamIds: [buergeramt],
    active: false,
  });
  // "Now" for open, overdue and passed targets: Friday after the range.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-03-20T12:00:00+01:00'));
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

let references = 0;
const addCase = (
  fields: Parameters<typeof insertTestCase>[1] extends infer F ? Omit<F & object, 'citizen_id' | 'reference'> : never,
) =>
  insertTestCase(database.db, { citizen_id: citizen, reference: `A-2026-${String(++references).padStart(6, '0')}`, ...fields });

/** An interaction through the repository every write path uses (it keeps the case's contact facts). */
const interaction = (caseId: number, channel: Channel, occurredAt: number, direction: Direction = 'inbound') =>
  insertInteraction(database.db, {
    case_id: caseId,
    citizen_id: citizen,
    channel,
    direction,
    author_id: null,
    subject: null,
    text: 'Text, der in keiner Statistik steht',
    html_sanitized: null,
    occurred_at: occurredAt,
    duration_seconds: null,
    external_message_id: null,
    delivery_status: null,
    metadata: null,
    created_at: occurredAt,
  });

let caseA: number;

/**
 * The hand-made data set (all Berlin time; range 2026-03-02 Mon … 2026-03-15 Sun = ISO weeks 10 and 11; now
 * 2026-03-20 12:00):
 *
 * | case | team        | category | origin  | created          | contacts (inbound)                          | first answer (due)     | resolved (due)          | status, assignee |
 * | A    | Bürgeramt   | Pass     | email   | Mon 03-02 09:00  | email 03-02 09:00                           | 10:00, 60 min (11:00)  | Tue 03-03 09:00, 480 (03-04) | resolved, Anna |
 * | B    | Bürgeramt   | Pass     | phone   | Tue 03-03 00:30  | phone 03-03 00:30, email 03-05 10:00, webform 03-16 00:30 | 03-03 10:00, 120 (09:00) | – (03-06 16:00) | open, Anna |
 * | C    | Ordnungsamt | Parken   | counter | Wed 03-11 11:00  | counter 03-11 11:00, counter 03-12 10:00    | – (03-11 13:00)        | Thu 03-12 15:00, 720 (03-13) | resolved, Ben |
 * | D    | Bürgeramt   | Pass     | webform | Fri 02-20 10:00  | webform 02-20 10:00                         | –                      | Wed 03-04 10:00          | resolved, Anna |
 * | E    | Bürgeramt   | Pass     | email   | Mon 03-09 08:00  | email 03-09 08:00                           | 09:00, 60 (10:00)      | – (03-10 08:00, paused 03-09 12:00) | waiting_citizen, Anna |
 * | F    | Bürgeramt   | Pass     | email   | Wed 03-04 10:00  | (merged into A: counts nowhere)             | 10:10, 10              | 11:00, 60                | closed, Anna |
 * | G    | –           | Parken   | phone   | Fri 03-13 14:00  | phone 03-13 14:00                           | – (no target)          | –                        | new, nobody |
 *
 * Outbound answers and internal notes are no contacts (A has one of each).
 */
async function seedScenario() {
  caseA = await addCase({
    team_id: buergeramt,
    category_id: pass,
    origin_channel: 'email',
    status: 'resolved',
    assignee_id: anna.id,
    created_at: at('2026-03-02T09:00:00+01:00'),
    first_response_at: at('2026-03-02T10:00:00+01:00'),
    first_response_due_at: at('2026-03-02T11:00:00+01:00'),
    first_response_minutes: 60,
    resolved_at: at('2026-03-03T09:00:00+01:00'),
    resolution_due_at: at('2026-03-04T16:00:00+01:00'),
    resolution_minutes: 480,
  });
  await interaction(caseA, 'email', at('2026-03-02T09:00:00+01:00'));
  await interaction(caseA, 'email', at('2026-03-02T10:00:00+01:00'), 'outbound');
  await interaction(caseA, 'note', at('2026-03-02T10:05:00+01:00'), 'internal');

  const caseB = await addCase({
    team_id: buergeramt,
    category_id: pass,
    origin_channel: 'phone',
    status: 'open',
    assignee_id: anna.id,
    created_at: at('2026-03-03T00:30:00+01:00'),
    first_response_at: at('2026-03-03T10:00:00+01:00'),
    first_response_due_at: at('2026-03-03T09:00:00+01:00'),
    first_response_minutes: 120,
    resolution_due_at: at('2026-03-06T16:00:00+01:00'),
  });
  // 00:30 in Berlin is still the day before in UTC: this contact belongs to Tuesday 03-03.
  await interaction(caseB, 'phone', at('2026-03-03T00:30:00+01:00'));
  await interaction(caseB, 'email', at('2026-03-05T10:00:00+01:00'));
  // Monday 03-16 in Berlin (Sunday 23:30 in UTC): after the range.
  await interaction(caseB, 'webform', at('2026-03-16T00:30:00+01:00'));

  const caseC = await addCase({
    team_id: ordnungsamt,
    category_id: parken,
    origin_channel: 'counter',
    status: 'resolved',
    assignee_id: ben.id,
    created_at: at('2026-03-11T11:00:00+01:00'),
    first_response_due_at: at('2026-03-11T13:00:00+01:00'),
    resolved_at: at('2026-03-12T15:00:00+01:00'),
    resolution_due_at: at('2026-03-13T16:00:00+01:00'),
    resolution_minutes: 720,
  });
  await interaction(caseC, 'counter', at('2026-03-11T11:00:00+01:00'));
  await interaction(caseC, 'counter', at('2026-03-12T10:00:00+01:00'));

  const caseD = await addCase({
    team_id: buergeramt,
    category_id: pass,
    origin_channel: 'webform',
    status: 'resolved',
    assignee_id: anna.id,
    created_at: at('2026-02-20T10:00:00+01:00'),
    resolved_at: at('2026-03-04T10:00:00+01:00'),
    resolution_minutes: 3000,
  });
  await interaction(caseD, 'webform', at('2026-02-20T10:00:00+01:00'));

  const caseE = await addCase({
    team_id: buergeramt,
    category_id: pass,
    origin_channel: 'email',
    status: 'waiting_citizen',
    assignee_id: anna.id,
    created_at: at('2026-03-09T08:00:00+01:00'),
    first_response_at: at('2026-03-09T09:00:00+01:00'),
    first_response_due_at: at('2026-03-09T10:00:00+01:00'),
    first_response_minutes: 60,
    resolution_due_at: at('2026-03-10T08:00:00+01:00'),
    sla_paused_at: at('2026-03-09T12:00:00+01:00'),
  });
  await interaction(caseE, 'email', at('2026-03-09T08:00:00+01:00'));

  await addCase({
    team_id: buergeramt,
    category_id: pass,
    origin_channel: 'email',
    status: 'closed',
    assignee_id: anna.id,
    merged_into_id: caseA,
    created_at: at('2026-03-04T10:00:00+01:00'),
    first_response_at: at('2026-03-04T10:10:00+01:00'),
    first_response_due_at: at('2026-03-04T10:30:00+01:00'),
    first_response_minutes: 10,
    resolved_at: at('2026-03-04T11:00:00+01:00'),
    resolution_due_at: at('2026-03-05T11:00:00+01:00'),
    resolution_minutes: 60,
  });

  const caseG = await addCase({
    team_id: null,
    category_id: parken,
    origin_channel: 'phone',
    status: 'new',
    created_at: at('2026-03-13T14:00:00+01:00'),
  });
  await interaction(caseG, 'phone', at('2026-03-13T14:00:00+01:00'));
}

const RANGE = { from: '2026-03-02', to: '2026-03-15' } as const;
const ask = (user: SessionUser, input: Partial<StatisticsInput> = {}) =>
  callerFor(database.db, user).statistics.dashboard({ ...RANGE, ...input });

/** Contacts as { period: { channel: count } }, leaving out zeros. */
function contactTable(result: StatisticsResult) {
  const table: Record<string, Record<string, number>> = {};
  for (const row of result.contacts) {
    table[row.period] ??= {};
    if (row.count > 0) table[row.period]![row.channel] = row.count;
  }
  return table;
}

const zeroChannels = { email: 0, webform: 0, phone: 0, counter: 0 };
const byChannel = (counts: Partial<typeof zeroChannels>) =>
  Object.entries({ ...zeroChannels, ...counts }).map(([channel, count]) => ({ channel, count }));

describe('statistics.dashboard: every figure on the hand-made data set', () => {
  it('answers a supervisor with every figure, by ISO week', async () => {
    await seedScenario();
    const result = await ask(supervisor, { groupBy: 'week' });
    expect(result.periods).toEqual(['2026-W10', '2026-W11']);
    // W10: A email, B phone (00:30 Tuesday), B email; W11: E email, C counter twice, G phone. Not counted: the
    // outbound answer and the note of A, B's web form on Monday 03-16 00:30 (after the range), D's contact in February.
    expect(contactTable(result)).toEqual({
      '2026-W10': { email: 2, phone: 1 },
      '2026-W11': { email: 1, phone: 1, counter: 2 },
    });
    // Every period has every channel, zeros included, channels in their fixed order.
    expect(result.contacts.map((row) => `${row.period} ${row.channel}`)).toEqual(
      ['2026-W10', '2026-W11'].flatMap((period) => ['email', 'webform', 'phone', 'counter'].map((c) => `${period} ${c}`)),
    );
    // Opened: A, B | C, E, G. Resolved: A, D (created in February) | C. F is merged: nowhere.
    expect(result.flow).toEqual([
      { period: '2026-W10', opened: 2, resolved: 2 },
      { period: '2026-W11', opened: 3, resolved: 1 },
    ]);
    // Open when the range starts: D. End of W10: 1 + 2 − 2 = 1 (B). End of W11: 1 + 3 − 1 = 3 (B, E, G).
    expect(result.backlog).toEqual([
      { period: '2026-W10', open: 1 },
      { period: '2026-W11', open: 3 },
    ]);
    // First answers of cases created in the range: A 60, E 60, B 120 (F merged, D created before).
    // Nearest rank: median = rank ⌈0.5·3⌉ = 2 → 60; p90 = rank ⌈0.9·3⌉ = 3 → 120.
    expect(result.firstResponse).toEqual({ count: 3, median: 60, p90: 120 });
    // Resolutions: A 480, C 720. Median rank ⌈1⌉ = 1 → 480; p90 rank ⌈1.8⌉ = 2 → 720.
    expect(result.resolution).toEqual({ count: 2, median: 480, p90: 720 });
    // First answer: A met, E met, B late, C unanswered and past due; G has no target → 2 of 4.
    expect(result.slaFirstResponse).toEqual({ part: 2, total: 4, rate: 0.5 });
    // Resolution: A and C in time, B past due and open; E past due but paused before it fell due (it moves on
    // when the case resumes) → 2 of 3.
    expect(result.slaResolution).toEqual({ part: 2, total: 3, rate: 2 / 3 });
    // Resolved in the range: A (1 contact), D (1), C (2) → 2 of 3 on first contact.
    expect(result.firstContactResolution).toEqual({ part: 2, total: 3, rate: 2 / 3 });
    // Created in the range: A, B, C, E, G. Came back: B (second contact by email), C (counter) → 2 of 5.
    expect(result.recontacts).toEqual({ part: 2, total: 5, rate: 0.4, byChannel: byChannel({ email: 1, counter: 1 }) });
    // B started by phone and continued by email (later the web form: only the first switch counts) → 1 of 5.
    expect(result.channelSwitches).toEqual({ part: 1, total: 5, rate: 0.2, paths: [{ from: 'phone', to: 'email', count: 1 }] });
    // Now: Anna has B (overdue: due 03-06, running) and E (paused: not overdue) open; resolved in the range A and D
    // (F is merged). Ben resolved C. Leads have nothing; Ina is inactive; supervisors and admins handle no cases.
    // G (no team, nobody) is open but belongs to no agent or team.
    expect(result.workload).toEqual({
      agents: [
        { id: anna.id, name: 'Anna Agentin', open: 2, overdue: 1, resolved: 2 },
        { id: ben.id, name: 'Ben Berater', open: 0, overdue: 0, resolved: 1 },
        { id: lea.id, name: 'Lea Lead', open: 0, overdue: 0, resolved: 0 },
        { id: olaf.id, name: 'Olaf Ordnung', open: 0, overdue: 0, resolved: 0 },
      ],
      teams: [
        { id: buergeramt, name: 'Bürgeramt', open: 2, overdue: 1, resolved: 2 },
        { id: ordnungsamt, name: 'Ordnungsamt', open: 0, overdue: 0, resolved: 1 },
      ],
    });
  });

  it('groups by Berlin day (00:30 belongs to the new day, not to the UTC one) and by month', async () => {
    await seedScenario();
    const days = await ask(supervisor, { groupBy: 'day' });
    expect(days.periods).toHaveLength(14);
    expect(days.periods[0]).toBe('2026-03-02');
    expect(days.periods[13]).toBe('2026-03-15');
    const table = contactTable(days);
    expect(table['2026-03-02']).toEqual({ email: 1 });
    // B's first call at 00:30 Berlin = 23:30 UTC on 03-02.
    expect(table['2026-03-03']).toEqual({ phone: 1 });
    expect(table['2026-03-15']).toEqual({});
    expect(days.flow.find((row) => row.period === '2026-03-03')).toEqual({ period: '2026-03-03', opened: 1, resolved: 1 });
    // Backlog on the last day equals the weekly one.
    expect(days.backlog.at(-1)).toEqual({ period: '2026-03-15', open: 3 });

    const month = await ask(supervisor, { groupBy: 'month' });
    expect(month.periods).toEqual(['2026-03']);
    expect(contactTable(month)).toEqual({ '2026-03': { email: 3, phone: 2, counter: 2 } });
    expect(month.flow).toEqual([{ period: '2026-03', opened: 5, resolved: 3 }]);
    expect(month.backlog).toEqual([{ period: '2026-03', open: 3 }]);
  });

  it('keeps Berlin days across the change to summer time', async () => {
    const caseId = await addCase({ origin_channel: 'phone', created_at: at('2026-03-28T12:00:00+01:00') });
    await interaction(caseId, 'phone', at('2026-03-29T00:30:00+01:00')); // Sunday (Saturday 23:30 UTC)
    await interaction(caseId, 'phone', at('2026-03-29T23:30:00+02:00')); // still Sunday (21:30 UTC)
    await interaction(caseId, 'phone', at('2026-03-30T00:30:00+02:00')); // Monday (Sunday 22:30 UTC)
    const result = await ask(supervisor, { from: '2026-03-28', to: '2026-03-30', groupBy: 'day' });
    expect(result.periods).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(contactTable(result)).toEqual({ '2026-03-28': {}, '2026-03-29': { phone: 2 }, '2026-03-30': { phone: 1 } });
    // No duration data: nulls, not zeros; no shares.
    expect(result.firstResponse).toEqual({ count: 0, median: null, p90: null });
    expect(result.slaResolution).toEqual({ part: 0, total: 0, rate: null });
  });

  it('filters by team: contacts and cases of the team, its members and the team alone', async () => {
    await seedScenario();
    const result = await ask(supervisor, { teamId: buergeramt });
    // A, B, E (and D, created before); not C (Ordnungsamt), not G (no team).
    expect(contactTable(result)).toEqual({ '2026-W10': { email: 2, phone: 1 }, '2026-W11': { email: 1 } });
    expect(result.flow).toEqual([
      { period: '2026-W10', opened: 2, resolved: 2 },
      { period: '2026-W11', opened: 1, resolved: 0 },
    ]);
    // D open at the start; B after W10; B and E after W11.
    expect(result.backlog.map((row) => row.open)).toEqual([1, 2]);
    expect(result.firstResponse).toEqual({ count: 3, median: 60, p90: 120 });
    expect(result.resolution).toEqual({ count: 1, median: 480, p90: 480 });
    expect(result.recontacts).toMatchObject({ part: 1, total: 3, byChannel: byChannel({ email: 1 }) });
    expect(result.workload.agents.map((agent) => agent.name)).toEqual(['Anna Agentin', 'Lea Lead']);
    expect(result.workload.teams).toEqual([{ id: buergeramt, name: 'Bürgeramt', open: 2, overdue: 1, resolved: 2 }]);
  });

  it('filters by category', async () => {
    await seedScenario();
    const result = await ask(supervisor, { categoryId: parken });
    // C (counter twice) and G (phone), both in W11.
    expect(contactTable(result)).toEqual({ '2026-W10': {}, '2026-W11': { phone: 1, counter: 2 } });
    expect(result.flow).toEqual([
      { period: '2026-W10', opened: 0, resolved: 0 },
      { period: '2026-W11', opened: 2, resolved: 1 },
    ]);
    expect(result.backlog.map((row) => row.open)).toEqual([0, 1]);
    expect(result.firstContactResolution).toEqual({ part: 0, total: 1, rate: 0 });
    expect(result.recontacts).toEqual({ part: 1, total: 2, rate: 0.5, byChannel: byChannel({ counter: 1 }) });
    expect(result.channelSwitches).toEqual({ part: 0, total: 2, rate: 0, paths: [] });
    // Ben resolved C; G belongs to nobody.
    expect(result.workload.agents.find((agent) => agent.id === ben.id)).toMatchObject({ open: 0, resolved: 1 });
    expect(result.workload.agents.find((agent) => agent.id === anna.id)).toMatchObject({ open: 0, resolved: 0 });
  });

  it('filters by channel: contacts on it, cases that started on it, returns on it', async () => {
    await seedScenario();
    const result = await ask(supervisor, { channel: 'email' });
    // Contacts by email only: A and B in W10, E in W11.
    expect(contactTable(result)).toEqual({ '2026-W10': { email: 2 }, '2026-W11': { email: 1 } });
    // Cases that started by email: A (resolved in W10) and E.
    expect(result.flow).toEqual([
      { period: '2026-W10', opened: 1, resolved: 1 },
      { period: '2026-W11', opened: 1, resolved: 0 },
    ]);
    expect(result.firstResponse).toEqual({ count: 2, median: 60, p90: 60 });
    // Neither A nor E came back; but B (started by phone) came back by email: byChannel is about the contact.
    expect(result.recontacts).toEqual({ part: 0, total: 2, rate: 0, byChannel: byChannel({ email: 1 }) });
    expect(result.channelSwitches).toMatchObject({ part: 0, total: 2 });
  });
});

describe('statistics.dashboard: who may ask', () => {
  it('lets supervisors and admins see every team', async () => {
    await seedScenario();
    expect((await ask(admin)).flow).toEqual((await ask(supervisor)).flow);
  });

  it('gives a team lead their own teams, with or without asking for one, and no other team', async () => {
    await seedScenario();
    const own = await ask(lea);
    expect(own).toEqual(await ask(supervisor, { teamId: buergeramt }));
    expect(await ask(lea, { teamId: buergeramt })).toEqual(own);
    await expectAppError(ask(lea, { teamId: ordnungsamt }), 'FORBIDDEN', 'auth.forbidden');
    // Olaf's team: C only.
    expect((await ask(olaf)).flow.map((row) => row.resolved)).toEqual([0, 1]);
    expect((await ask(olaf)).workload.teams.map((team) => team.name)).toEqual(['Ordnungsamt']);
  });

  it('refuses agents', async () => {
    await expectAppError(ask(anna), 'FORBIDDEN', 'auth.forbidden');
  });

  it('refuses a range longer than a year or backwards', async () => {
    await expectAppError(ask(supervisor, { from: '2025-01-01', to: '2026-01-02' }), 'BAD_REQUEST', 'input.invalid');
    await expectAppError(ask(supervisor, { from: '2026-03-02', to: '2026-03-01' }), 'BAD_REQUEST', 'input.invalid');
  });
});

describe('periods', () => {
  it('names ISO weeks by the year of their Thursday and cuts the first and last period at the range', () => {
    expect(planPeriods('2026-12-28', '2027-01-11', 'week').periods).toEqual(['2026-W53', '2027-W01', '2027-W02']);
    expect(planPeriods('2025-12-29', '2026-01-01', 'week').periods).toEqual(['2026-W01']);
    expect(planPeriods('2026-01-31', '2026-03-01', 'month').periods).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

describe('the write path stores what the statistics count', () => {
  it('business minutes to the first answer and to resolution, and the contacts', async () => {
    await database.db
      .insertInto('sla_policies')
      .values({ priority: 'normal', category_id: null, first_response_minutes: 120, resolution_minutes: 960, created_at: 1 })
      .execute();
    const row = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // Friday 15:00: one business hour left that day.
    vi.setSystemTime(at('2026-03-06T15:00:00+01:00'));
    const { caseId } = await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'email',
      from: { email: 'berta@example.com', name: 'Berta Berg' },
      subject: 'Reisepass',
      text: 'Wann ist mein Pass fertig?',
      externalMessageId: '<stats-1@example.com>',
      teamId: buergeramt,
    });
    expect(await row(caseId)).toMatchObject({ contact_count: 1, return_channel: null, switch_channel: null });
    // Monday 9:00: Friday 15–16 and Monday 8–9 → 120 business minutes.
    vi.setSystemTime(at('2026-03-09T09:00:00+01:00'));
    const agent = callerFor(database.db, anna);
    await agent.cases.addInteraction({ caseId, kind: 'reply', text: 'Ihr Pass ist nächste Woche fertig.' });
    expect(await row(caseId)).toMatchObject({ first_response_at: at('2026-03-09T09:00:00+01:00'), first_response_minutes: 120 });
    // Monday 10:00 the citizen calls: a second contact on another channel.
    vi.setSystemTime(at('2026-03-09T10:00:00+01:00'));
    await agent.cases.addInteraction({ caseId, kind: 'phone', text: 'Rückfrage zum Abholtermin.' });
    expect(await row(caseId)).toMatchObject({ contact_count: 2, return_channel: 'phone', switch_channel: 'phone' });
    // Resolved Monday 12:00: Friday 1 h + Monday 4 h = 300 minutes. A later answer keeps the first.
    vi.setSystemTime(at('2026-03-09T12:00:00+01:00'));
    await agent.cases.update({ id: caseId, version: (await row(caseId)).version, status: 'resolved' });
    expect(await row(caseId)).toMatchObject({ resolution_minutes: 300, first_response_minutes: 120 });
    // Reopened: no resolution any more.
    await agent.cases.update({ id: caseId, version: (await row(caseId)).version, status: 'open' });
    expect(await row(caseId)).toMatchObject({ resolved_at: null, resolution_minutes: null });
  });
});

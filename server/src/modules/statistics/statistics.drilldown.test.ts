import {
  CHANNELS,
  type Channel,
  OPEN_CASE_STATUSES,
  STAT_CASES_PAGE,
  type StatFigure,
  type StatisticsInput,
} from '@anliegen/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { insertInteraction } from '../cases/interactions.repo.js';

/**
 * Drill-down (issue 16): the cases listed behind a figure are exactly the ones it counts. On generated data (cases
 * of three teams and none, two categories, every channel, merged ones, reopened ones, across the spring clock change
 * and the turn of a month), for generated questions (range, grouping, team, category, channel), every figure of the
 * dashboard equals the number of rows its drill-down lists, page by page.
 */

const DAY_MS = 86_400_000;
/** 2026-03-23 (a Monday) 00:00 in Berlin; the data spans 28 days, with the change to summer time on 03-29. */
const ORIGIN = Date.parse('2026-03-23T00:00:00+01:00');
const SPAN_DAYS = 28;
const dayOf = (offset: number) => new Date(Date.parse('2026-03-23T12:00:00Z') + offset * DAY_MS).toISOString().slice(0, 10);

let database: TestDatabase;
let teams: number[];
let categories: number[];
let citizen: number;
let lead: SessionUser;
let otherLead: SessionUser;
let supervisor: SessionUser;
let admin: SessionUser;
let agents: SessionUser[];
let references = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  teams = [
    await insertTestTeam(db, 'Bürgeramt'),
    await insertTestTeam(db, 'Ordnungsamt'),
    await insertTestTeam(db, 'Standesamt'),
  ];
  categories = [];
  for (const name of ['Pass', 'Parken']) {
    categories.push(
      (
        await db
          .insertInto('categories')
          .values({ name, default_team_id: teams[0]!, retention_days: null, created_at: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  }
  citizen = await insertTestCitizen(db, 'Berg', 'Berta');
  lead = await insertTestUser(db, { email: 'lea@musterstadt.example', role: 'team_lead', teamIds: [teams[0]!, teams[1]!] });
  otherLead = await insertTestUser(db, { email: 'olaf@musterstadt.example', role: 'team_lead', teamIds: [teams[2]!] });
  supervisor = await insertTestUser(db, { email: 'sina@musterstadt.example', role: 'supervisor' });
  admin = await insertTestUser(db, { email: 'adam@musterstadt.example', role: 'admin' });
  agents = [
    await insertTestUser(db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [teams[0]!] }),
    await insertTestUser(db, { email: 'ben@musterstadt.example', role: 'agent', teamIds: [teams[1]!, teams[2]!] }),
    lead,
  ];
}, 60_000);
afterAll(async () => {
  await database.destroy();
});

const CONTACT_CHANNELS = CHANNELS.filter((channel) => channel !== 'note');
const channelArb = fc.constantFrom(...CHANNELS);

/** A generated case: offsets in hours from ORIGIN; contacts after its creation. */
const caseArb = fc.record({
  team: fc.option(fc.nat({ max: 2 }), { nil: null }),
  category: fc.option(fc.nat({ max: 1 }), { nil: null }),
  assignee: fc.option(fc.nat({ max: 2 }), { nil: null }),
  origin: channelArb,
  createdHour: fc.integer({ min: -24 * 7, max: 24 * SPAN_DAYS }),
  resolvedAfterHours: fc.option(fc.integer({ min: 0, max: 24 * 20 }), { nil: null }),
  reopened: fc.boolean(),
  overdue: fc.boolean(),
  paused: fc.boolean(),
  merged: fc.boolean(),
  contacts: fc.array(
    fc.record({ channel: channelArb, afterHours: fc.integer({ min: 0, max: 24 * 10 }), inbound: fc.boolean() }),
    {
      maxLength: 3,
    },
  ),
});

const questionArb = fc
  .record({
    fromDay: fc.integer({ min: -3, max: SPAN_DAYS }),
    days: fc.integer({ min: 0, max: 20 }),
    groupBy: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
    // Each filter in about half of the questions.
    team: fc.option(fc.nat({ max: 1 }), { nil: undefined, freq: 2 }),
    category: fc.option(fc.nat({ max: 1 }), { nil: undefined, freq: 2 }),
    channel: fc.option(fc.constantFrom(...CONTACT_CHANNELS), { nil: undefined, freq: 2 }),
  })
  .map(
    (q): StatisticsInput => ({
      from: dayOf(q.fromDay),
      to: dayOf(q.fromDay + q.days),
      groupBy: q.groupBy,
      ...(q.team !== undefined ? { teamId: teams[q.team]! } : {}),
      ...(q.category !== undefined ? { categoryId: categories[q.category]! } : {}),
      ...(q.channel !== undefined ? { channel: q.channel } : {}),
    }),
  );

type GeneratedCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Thirty cases of Bürgeramt spread over the span, each with three contacts, half of them resolved. */
const busyMonth: GeneratedCase[] = Array.from({ length: 30 }, (_, index) => ({
  team: 0,
  category: index % 2,
  assignee: index % 3,
  origin: CHANNELS[index % CHANNELS.length]!,
  createdHour: index * 20,
  resolvedAfterHours: index % 2 === 0 ? 30 : null,
  reopened: index % 5 === 0,
  overdue: index % 4 === 0,
  paused: false,
  merged: false,
  contacts: [0, 1, 2].map((offset) => ({
    channel: CONTACT_CHANNELS[(index + offset) % CONTACT_CHANNELS.length]!,
    afterHours: offset * 5,
    inbound: offset !== 1,
  })),
}));
/** The whole span by week, without filters. */
const wholeSpan: StatisticsInput = { from: dayOf(0), to: dayOf(SPAN_DAYS - 1), groupBy: 'week' };

async function seed(cases: GeneratedCase[]) {
  const db = database.db;
  await db.deleteFrom('interactions').execute();
  await db.updateTable('cases').set({ merged_into_id: null }).execute();
  await db.deleteFrom('cases').execute();
  let survivor: number | null = null;
  for (const generated of cases) {
    const createdAt = ORIGIN + generated.createdHour * 3_600_000;
    const resolvedAt =
      generated.resolvedAfterHours === null || generated.reopened ? null : createdAt + generated.resolvedAfterHours * 3_600_000;
    const id = await insertTestCase(db, {
      citizen_id: citizen,
      reference: `A-2026-${String(++references).padStart(6, '0')}`,
      subject: `Anliegen ${references}`,
      team_id: generated.team === null ? null : teams[generated.team]!,
      category_id: generated.category === null ? null : categories[generated.category]!,
      assignee_id: generated.assignee === null ? null : agents[generated.assignee]!.id,
      origin_channel: generated.origin,
      status: resolvedAt !== null ? 'resolved' : generated.reopened ? 'open' : OPEN_CASE_STATUSES[references % 4]!,
      created_at: createdAt,
      resolved_at: resolvedAt,
      resolution_due_at: createdAt + (generated.overdue ? 3_600_000 : 1_000 * DAY_MS),
      sla_paused_at: generated.paused ? createdAt : null,
    });
    for (const contact of [{ channel: generated.origin, afterHours: 0, inbound: true }, ...generated.contacts]) {
      const occurredAt = createdAt + contact.afterHours * 3_600_000;
      await insertInteraction(db, {
        case_id: id,
        citizen_id: citizen,
        channel: contact.channel,
        direction: contact.channel === 'note' ? 'internal' : contact.inbound ? 'inbound' : 'outbound',
        author_id: null,
        subject: null,
        text: 'Text',
        html_sanitized: null,
        occurred_at: occurredAt,
        duration_seconds: null,
        external_message_id: null,
        delivery_status: null,
        metadata: null,
        created_at: occurredAt,
      });
    }
    if (generated.merged && survivor !== null) {
      await db.updateTable('cases').set({ merged_into_id: survivor }).where('id', '=', id).execute();
    } else survivor = id;
  }
}

/** Every figure the dashboard shows for a question, with its count. */
function figuresOf(stats: Awaited<ReturnType<ReturnType<typeof callerFor>['statistics']['dashboard']>>) {
  const figures: { figure: StatFigure; count: number }[] = [];
  for (const row of stats.contacts)
    figures.push({ figure: { kind: 'contacts', period: row.period, channel: row.channel }, count: row.count });
  for (const row of stats.flow) {
    figures.push({ figure: { kind: 'opened', period: row.period }, count: row.opened });
    figures.push({ figure: { kind: 'resolved', period: row.period }, count: row.resolved });
  }
  for (const row of stats.backlog) figures.push({ figure: { kind: 'backlog', period: row.period }, count: row.open });
  for (const row of stats.recontacts.byChannel)
    figures.push({ figure: { kind: 'recontacts', channel: row.channel }, count: row.count });
  for (const row of stats.channelSwitches.paths) {
    figures.push({ figure: { kind: 'switches', from: row.from, to: row.to }, count: row.count });
  }
  for (const [owner, rows] of [
    ['agent', stats.workload.agents],
    ['team', stats.workload.teams],
  ] as const) {
    for (const row of rows) {
      for (const measure of ['open', 'overdue', 'resolved'] as const) {
        figures.push({ figure: { kind: 'workload', owner, ownerId: row.id, measure }, count: row[measure] });
      }
    }
  }
  return figures;
}

/** All rows a figure's drill-down lists, following the cursor; checks the order and that no row comes twice. */
async function drillAll(user: SessionUser, question: StatisticsInput, figure: StatFigure) {
  const api = callerFor(database.db, user);
  const items: { caseId: number; at: number }[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await api.statistics.cases({ question, figure, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(STAT_CASES_PAGE);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  for (let index = 1; index < items.length; index++) expect(items[index]!.at).toBeGreaterThanOrEqual(items[index - 1]!.at);
  return items;
}

describe('statistics drill-down', () => {
  it('lists exactly as many rows as every figure counts, for generated data and questions', { timeout: 240_000 }, async () => {
    let counted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 5, maxLength: 30 }),
        fc.array(questionArb, { minLength: 1, maxLength: 3 }),
        async (cases, questions) => {
          await seed(cases);
          for (const question of questions) {
            // The team lead of Bürgeramt and Ordnungsamt asks about one of them or both.
            const stats = await callerFor(database.db, lead).statistics.dashboard(question);
            for (const { figure, count } of figuresOf(stats)) {
              const items = await drillAll(lead, question, figure);
              expect(items.length, JSON.stringify({ question, figure })).toBe(count);
              counted += count;
              // Never a case of a team the lead is not in (nor one without a team).
              if (items.length > 0) {
                const rows = await database.db
                  .selectFrom('cases')
                  .select('team_id')
                  .where(
                    'id',
                    'in',
                    items.map((item) => item.caseId),
                  )
                  .execute();
                for (const row of rows) expect(lead.teams.map((team) => team.id)).toContain(row.team_id);
              }
            }
          }
        },
      ),
      // The example guarantees real rows whatever the generated runs draw (with ten runs they can all be sparse).
      { numRuns: process.env.TEST_DIALECT === 'postgres' ? 10 : 30, examples: [[busyMonth, [wholeSpan]]] },
    );
    // The runs compared real rows, not only empty figures.
    expect(counted).toBeGreaterThan(50);
  });

  it('pages by keyset: a figure with more cases than a page lists each once, in order, over several pages', async () => {
    await seed([]);
    const createdAt = Date.parse('2026-03-29T01:30:00+01:00');
    for (let index = 0; index < STAT_CASES_PAGE * 2 + 7; index++) {
      await insertTestCase(database.db, {
        citizen_id: citizen,
        reference: `A-2026-${String(++references).padStart(6, '0')}`,
        team_id: teams[index % 2]!,
        // Many at the same instant: the id breaks the tie.
        created_at: createdAt + Math.floor(index / 10) * 60_000,
      });
    }
    const question: StatisticsInput = { from: '2026-03-29', to: '2026-03-29', groupBy: 'day' };
    const items = await drillAll(lead, question, { kind: 'opened', period: '2026-03-29' });
    expect(items).toHaveLength(STAT_CASES_PAGE * 2 + 7);
    expect(new Set(items.map((item) => item.caseId)).size).toBe(items.length);
    const stats = await callerFor(database.db, lead).statistics.dashboard(question);
    expect(stats.flow[0]!.opened).toBe(items.length);
  });

  it('is for team leads and their own teams only: supervisors and admins get counts, other teams are refused', async () => {
    const question: StatisticsInput = { from: '2026-03-23', to: '2026-03-29', groupBy: 'week' };
    const figure: StatFigure = { kind: 'opened', period: '2026-W13' };
    await expectAppError(
      callerFor(database.db, supervisor).statistics.cases({ question, figure }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(callerFor(database.db, admin).statistics.cases({ question, figure }), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(
      callerFor(database.db, agents[0]!).statistics.cases({ question, figure }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(
      callerFor(database.db, otherLead).statistics.cases({ question: { ...question, teamId: teams[0]! }, figure }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    // A period that is not in the range is no figure.
    await expectAppError(
      callerFor(database.db, lead).statistics.cases({ question, figure: { kind: 'opened', period: '2026-W20' } }),
      'BAD_REQUEST',
      'input.invalid',
    );
  });

  it('records who looked at which cases: one audit event per page, with the citizens', async () => {
    await seed([
      {
        team: 0,
        category: null,
        assignee: null,
        origin: 'phone' as Channel,
        createdHour: 10,
        resolvedAfterHours: null,
        reopened: false,
        overdue: false,
        paused: false,
        merged: false,
        contacts: [],
      },
    ]);
    const question: StatisticsInput = { from: '2026-03-23', to: '2026-03-23', groupBy: 'day' };
    const page = await callerFor(database.db, lead).statistics.cases({
      question,
      figure: { kind: 'opened', period: '2026-03-23' },
    });
    expect(page.items).toHaveLength(1);
    const event = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'case.statistics_listed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(lead.id);
    expect(JSON.parse(String(event.details))).toEqual({ figure: 'opened', cases: 1, citizenIds: [citizen] });
  });
});

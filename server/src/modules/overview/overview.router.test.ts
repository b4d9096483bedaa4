import { formatCaseReference, type CaseStatus, type Channel, type Direction } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';

const DAY = 86_400_000;

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

const insertTeam = (name: string) => insertTestTeam(database.db, name);

function insertCitizen(name: string) {
  return insertTestCitizen(database.db, name);
}

let serial = 0;
async function insertCase(fields: {
  citizenId: number;
  status: CaseStatus;
  teamId: number | null;
  assigneeId: number | null;
  mergedIntoId?: number;
}) {
  serial += 1;
  return insertTestCase(database.db, {
    reference: formatCaseReference(2026, serial),
    citizen_id: fields.citizenId,
    subject: `Anliegen ${serial}`,
    status: fields.status,
    team_id: fields.teamId,
    assignee_id: fields.assigneeId,
    merged_into_id: fields.mergedIntoId ?? null,
  });
}

async function insertInteraction(caseId: number, citizenId: number, channel: Channel, direction: Direction, daysAgo: number) {
  const occurredAt = Date.now() - daysAgo * DAY;
  await database.db
    .insertInto('interactions')
    .values({
      case_id: caseId,
      citizen_id: citizenId,
      channel,
      direction,
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
    })
    .execute();
}

describe('overview.summary', () => {
  let anna: SessionUser;
  let ben: SessionUser;
  let loner: SessionUser;

  beforeEach(async () => {
    const buero = await insertTeam('Bürgerbüro');
    const ordnung = await insertTeam('Ordnungsamt');
    const tiefbau = await insertTeam('Tiefbauamt');
    anna = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [buero, ordnung] });
    ben = await insertTestUser(database.db, { email: 'ben@musterstadt.example', role: 'team_lead', teamIds: [ordnung] });
    loner = await insertTestUser(database.db, { email: 'sup@musterstadt.example', role: 'supervisor' });
    const maria = await insertCitizen('Maria Müller');
    const hans = await insertCitizen('Hans Schulz');

    // Open statuses: new, open, waiting_citizen, waiting_internal.
    const c1 = await insertCase({ citizenId: maria, status: 'open', teamId: buero, assigneeId: anna.id });
    const c2 = await insertCase({ citizenId: maria, status: 'new', teamId: buero, assigneeId: null });
    const c3 = await insertCase({ citizenId: hans, status: 'waiting_citizen', teamId: ordnung, assigneeId: null });
    const c4 = await insertCase({ citizenId: hans, status: 'waiting_internal', teamId: tiefbau, assigneeId: anna.id });
    const c5 = await insertCase({ citizenId: maria, status: 'resolved', teamId: buero, assigneeId: anna.id });
    /* c6 */ await insertCase({ citizenId: maria, status: 'closed', teamId: buero, assigneeId: null });
    /* c7 */ await insertCase({ citizenId: hans, status: 'open', teamId: tiefbau, assigneeId: null });
    // c8, merged into c1: no longer counts, whatever its status says.
    await insertCase({ citizenId: maria, status: 'open', teamId: buero, assigneeId: null, mergedIntoId: c1 });
    /* c9 */ await insertCase({ citizenId: hans, status: 'open', teamId: ordnung, assigneeId: ben.id });
    /* c10 */ await insertCase({ citizenId: hans, status: 'new', teamId: null, assigneeId: null });
    // Counts per user, worked out by hand:
    //   anna: mine = c1, c4 (2); unassigned in Bürgerbüro/Ordnungsamt = c2, c3 (2)
    //   ben:  mine = c9 (1); unassigned in Ordnungsamt = c3 (1)
    //   all open, not merged = c1, c2, c3, c4, c7, c9, c10 (7)

    // Inbound in the last 30 days: email 3, webform 1, phone 2, counter 0 (notes and outbound never count).
    await insertInteraction(c1, maria, 'email', 'inbound', 0);
    await insertInteraction(c2, maria, 'email', 'inbound', 10);
    await insertInteraction(c3, hans, 'email', 'inbound', 29);
    await insertInteraction(c3, hans, 'email', 'inbound', 31);
    await insertInteraction(c3, hans, 'email', 'inbound', 200);
    await insertInteraction(c1, maria, 'email', 'outbound', 1);
    await insertInteraction(c4, hans, 'webform', 'inbound', 5);
    await insertInteraction(c4, hans, 'phone', 'inbound', 2);
    await insertInteraction(c5, maria, 'phone', 'inbound', 3);
    await insertInteraction(c5, maria, 'phone', 'outbound', 3);
    await insertInteraction(c5, maria, 'counter', 'inbound', 45);
    await insertInteraction(c1, maria, 'note', 'internal', 1);
  });

  const inbound = [
    { channel: 'email', count: 3 },
    { channel: 'webform', count: 1 },
    { channel: 'phone', count: 2 },
    { channel: 'counter', count: 0 },
  ];

  it("counts an agent's own open cases and their teams' unassigned ones", async () => {
    await expect(callerFor(database.db, anna).overview.summary()).resolves.toEqual({
      myOpenCases: 2,
      teamUnassigned: 2,
      allOpen: 7,
      inboundLast30Days: inbound,
    });
  });

  it('counts per user', async () => {
    await expect(callerFor(database.db, ben).overview.summary()).resolves.toEqual({
      myOpenCases: 1,
      teamUnassigned: 1,
      allOpen: 7,
      inboundLast30Days: inbound,
    });
  });

  it('counts no team cases for a user without teams', async () => {
    await expect(callerFor(database.db, loner).overview.summary()).resolves.toEqual({
      myOpenCases: 0,
      teamUnassigned: 0,
      allOpen: 7,
      inboundLast30Days: inbound,
    });
  });

  it('counts exactly the cases each counter’s inbox view lists (issue 16), with either case access', async () => {
    const team = (await database.db.selectFrom('teams').select('id').where('name', '=', 'Bürgerbüro').executeTakeFirstOrThrow())
      .id;
    const citizen = await insertCitizen('Wiebke Warte');
    // Waiting for a follow-up date: out of the views until the day comes, so out of the counts too.
    const later = Date.now() + 5 * DAY;
    const mineWaiting = await insertCase({ citizenId: citizen, status: 'waiting_citizen', teamId: team, assigneeId: anna.id });
    const queueWaiting = await insertCase({ citizenId: citizen, status: 'open', teamId: team, assigneeId: null });
    await database.db.updateTable('cases').set({ follow_up_at: later }).where('id', 'in', [mineWaiting, queueWaiting]).execute();
    // A date that has come counts again.
    const back = await insertCase({ citizenId: citizen, status: 'open', teamId: team, assigneeId: anna.id });
    await database.db
      .updateTable('cases')
      .set({ follow_up_at: Date.now() - DAY })
      .where('id', '=', back)
      .execute();

    for (const access of ['all', 'team'] as const) {
      for (const user of [anna, ben]) {
        const api = callerFor(database.db, user, { env: testEnv({ CASE_ACCESS: access }) });
        const summary = await api.overview.summary();
        const listed = async (view: 'mine' | 'team_unassigned' | 'open') =>
          (await api.cases.list({ view, limit: 200 })).items.length;
        expect(
          { mine: summary.myOpenCases, team_unassigned: summary.teamUnassigned, open: summary.allOpen },
          `${user.email}, CASE_ACCESS=${access}`,
        ).toEqual({ mine: await listed('mine'), team_unassigned: await listed('team_unassigned'), open: await listed('open') });
      }
    }
    expect((await callerFor(database.db, anna).overview.summary()).myOpenCases).toBe(3);
  });

  it('requires a session', async () => {
    await expectAppError(callerFor(database.db).overview.summary(), 'UNAUTHORIZED', 'auth.unauthenticated');
  });
});

describe('overview.summary on an empty database', () => {
  it('answers zeros for every channel', async () => {
    const user = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    await expect(callerFor(database.db, user).overview.summary()).resolves.toEqual({
      myOpenCases: 0,
      teamUnassigned: 0,
      allOpen: 0,
      inboundLast30Days: [
        { channel: 'email', count: 0 },
        { channel: 'webform', count: 0 },
        { channel: 'phone', count: 0 },
        { channel: 'counter', count: 0 },
      ],
    });
  });
});

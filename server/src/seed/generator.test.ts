import { parseCaseReference } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../db/database.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { generateDataset } from './generator.js';
import { ensureDemoOrganisation } from './organisation.js';

// Mid-March: the data set reaches back one year, so its cases span two reference years.
const NOW = Date.UTC(2026, 2, 15, 9, 0, 0);
const OPTIONS = { citizens: 40, cases: 60, seed: 7, now: NOW };

let databases: TestDatabase[];
beforeEach(() => {
  databases = [];
});
afterEach(async () => {
  await Promise.all(databases.map((database) => database.destroy()));
});

async function seededDatabase(): Promise<DB> {
  const database = await createTestDatabase();
  databases.push(database);
  expect(await ensureDemoOrganisation(database.db)).toBe(true);
  return database.db;
}

async function count(db: DB, table: 'citizens' | 'cases' | 'interactions' | 'feedback') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Highest serial per year, from the references themselves. */
async function maxSerialByYear(db: DB) {
  const references = await db.selectFrom('cases').select('reference').execute();
  const max = new Map<number, number>();
  for (const { reference } of references) {
    const parsed = parseCaseReference(reference);
    if (!parsed) throw new Error(`malformed reference ${reference}`);
    max.set(parsed.year, Math.max(max.get(parsed.year) ?? 0, parsed.serial));
  }
  return Object.fromEntries([...max].sort(([a], [b]) => a - b));
}

async function counters(db: DB) {
  const rows = await db.selectFrom('case_reference_counters').selectAll().orderBy('year').execute();
  return Object.fromEntries(rows.map((row) => [row.year, row.last_serial]));
}

describe('ensureDemoOrganisation', () => {
  it('creates the organisation once and does nothing when users exist', async () => {
    const db = await seededDatabase();
    const users = await db.selectFrom('users').select('email').execute();
    expect(users.length).toBeGreaterThan(0);
    expect(await ensureDemoOrganisation(db)).toBe(false);
    expect(await db.selectFrom('users').select('email').execute()).toHaveLength(users.length);
  });
});

describe('generateDataset', () => {
  it('creates the requested numbers of citizens and cases, each case with at least one interaction', async () => {
    const db = await seededDatabase();
    const counts = await generateDataset(db, OPTIONS);
    expect(counts.citizens).toBe(40);
    expect(counts.cases).toBe(60);
    expect(await count(db, 'citizens')).toBe(40);
    expect(await count(db, 'cases')).toBe(60);
    expect(await count(db, 'interactions')).toBe(counts.interactions);

    const withoutInteraction = await db
      .selectFrom('cases')
      .leftJoin('interactions', 'interactions.case_id', 'cases.id')
      .select('cases.reference')
      .where('interactions.id', 'is', null)
      .execute();
    expect(withoutInteraction).toEqual([]);
    // Every interaction belongs to the citizen of its case.
    const mismatched = await db
      .selectFrom('interactions')
      .innerJoin('cases', 'cases.id', 'interactions.case_id')
      .select('interactions.id')
      .whereRef('interactions.citizen_id', '!=', 'cases.citizen_id')
      .execute();
    expect(mismatched).toEqual([]);
  });

  it('keeps all data within the year before `now`', async () => {
    const db = await seededDatabase();
    await generateDataset(db, OPTIONS);
    const range = await db
      .selectFrom('cases')
      .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')])
      .executeTakeFirstOrThrow();
    expect(Number(range.first)).toBeGreaterThanOrEqual(NOW - 365 * 86_400_000);
    expect(Number(range.last)).toBeLessThanOrEqual(NOW);
    const latest = await db
      .selectFrom('interactions')
      .select((eb) => eb.fn.max('occurred_at').as('last'))
      .executeTakeFirstOrThrow();
    expect(Number(latest.last)).toBeLessThanOrEqual(NOW);
  });

  it('gives unique, well-formed references and records the last serial per year', async () => {
    const db = await seededDatabase();
    await generateDataset(db, OPTIONS);
    const references = (await db.selectFrom('cases').select('reference').execute()).map((row) => row.reference);
    expect(new Set(references).size).toBe(60);
    for (const reference of references) expect(reference).toMatch(/^A-\d{4}-\d{6}$/);
    const maxima = await maxSerialByYear(db);
    expect(Object.keys(maxima)).toEqual(['2025', '2026']);
    expect(await counters(db)).toEqual(maxima);
    // Serials run from 1 without gaps.
    expect(Object.values(maxima).reduce((sum, serial) => sum + serial, 0)).toBe(60);
  });

  it('is deterministic: the same seed on two fresh databases gives the same cases', async () => {
    const snapshot = async () => {
      const db = await seededDatabase();
      await generateDataset(db, OPTIONS);
      return db
        .selectFrom('cases')
        .select(['reference', 'subject', 'status', 'priority', 'origin_channel', 'created_at'])
        .orderBy('reference')
        .execute();
    };
    const first = await snapshot();
    const second = await snapshot();
    expect(first).toHaveLength(60);
    expect(second).toEqual(first);
    // A different seed gives different data (so the comparison above means something).
    const db = await seededDatabase();
    await generateDataset(db, { ...OPTIONS, seed: 8 });
    const other = await db.selectFrom('cases').select(['reference', 'subject', 'status']).orderBy('reference').execute();
    expect(other.map((row) => `${row.subject}|${row.status}`)).not.toEqual(first.map((row) => `${row.subject}|${row.status}`));
  });

  it('continues the reference counters on a second run without collisions', async () => {
    const db = await seededDatabase();
    await generateDataset(db, OPTIONS);
    const afterFirst = await counters(db);
    await generateDataset(db, { ...OPTIONS, now: NOW + 7 * 86_400_000 });
    expect(await count(db, 'cases')).toBe(120);
    expect(await count(db, 'citizens')).toBe(80);
    const references = (await db.selectFrom('cases').select('reference').execute()).map((row) => row.reference);
    expect(new Set(references).size).toBe(120);
    const afterSecond = await counters(db);
    expect(afterSecond).toEqual(await maxSerialByYear(db));
    for (const [year, serial] of Object.entries(afterFirst)) expect(afterSecond[year]).toBeGreaterThan(serial);
    expect(Object.values(afterSecond).reduce((sum, serial) => sum + serial, 0)).toBe(120);
  });

  it('runs twice with the same seed and time on one database (unique message ids)', async () => {
    const db = await seededDatabase();
    await generateDataset(db, OPTIONS);
    await expect(generateDataset(db, OPTIONS)).resolves.toMatchObject({ cases: 60 });
    expect(await count(db, 'cases')).toBe(120);
  });

  it('adds a frequent citizen with exactly the asked number of interactions, spread over answered cases', async () => {
    const db = await seededDatabase();
    const counts = await generateDataset(db, { ...OPTIONS, frequentContact: { interactions: 95 } });
    expect(counts.frequentCitizenId).not.toBeNull();
    expect(counts.citizens).toBe(41);
    expect(await count(db, 'citizens')).toBe(41);
    expect(await count(db, 'interactions')).toBe(counts.interactions);
    const perCase = await db
      .selectFrom('cases')
      .innerJoin('interactions', 'interactions.case_id', 'cases.id')
      .select((eb) => ['cases.id', 'cases.status', eb.fn.countAll<number>().as('interactions')])
      .where('cases.citizen_id', '=', counts.frequentCitizenId!)
      .groupBy(['cases.id', 'cases.status'])
      .execute();
    // 95 = four cases of 20 and one of 15.
    expect(perCase.map((c) => Number(c.interactions)).sort((a, b) => a - b)).toEqual([15, 20, 20, 20, 20]);
    expect(perCase.filter((c) => c.status === 'new')).toEqual([]);
    expect(counts.cases).toBe(65);
    const history = await db
      .selectFrom('interactions')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('occurred_at').as('last')])
      .where('citizen_id', '=', counts.frequentCitizenId!)
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(95);
    expect(Number(history.last)).toBeLessThanOrEqual(NOW);
    // Without the option there is no such citizen.
    expect((await generateDataset(await seededDatabase(), OPTIONS)).frequentCitizenId).toBeNull();
  });

  it('invites every resolved case of a citizen with an address to the survey, and about 30 % answer (issue 18)', async () => {
    const db = await seededDatabase();
    await generateDataset(db, { ...OPTIONS, citizens: 200, cases: 600 });
    const resolvedWithMail = await db
      .selectFrom('cases')
      .innerJoin('contact_points', (join) =>
        join.onRef('contact_points.citizen_id', '=', 'cases.citizen_id').on('contact_points.kind', '=', 'email'),
      )
      .select('cases.id')
      .where('cases.resolved_at', 'is not', null)
      .execute();
    const invitations = await db
      .selectFrom('survey_invitations')
      .innerJoin('cases', 'cases.id', 'survey_invitations.case_id')
      .select(['survey_invitations.case_id', 'survey_invitations.created_at', 'cases.resolved_at'])
      .execute();
    expect(invitations.map((row) => row.case_id).sort((a, b) => a - b)).toEqual(
      [...new Set(resolvedWithMail.map((row) => row.id))].sort((a, b) => a - b),
    );
    expect(invitations.every((row) => Number(row.created_at) === Number(row.resolved_at))).toBe(true);
    const answers = await db
      .selectFrom('feedback')
      .innerJoin('survey_invitations', 'survey_invitations.case_id', 'feedback.case_id')
      .select([
        'feedback.created_at',
        'feedback.rating',
        'survey_invitations.created_at as invitedAt',
        'survey_invitations.expires_at',
      ])
      .execute();
    // Every answer answers an invitation.
    expect(await count(db, 'feedback')).toBe(answers.length);
    const rate = answers.length / invitations.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
    for (const answer of answers) {
      expect(Number(answer.created_at)).toBeGreaterThan(Number(answer.invitedAt));
      expect(Number(answer.created_at)).toBeLessThan(Math.min(Number(answer.expires_at), NOW + 1));
      expect(answer.rating).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses to run without an organisation and writes nothing', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await expect(generateDataset(database.db, OPTIONS)).rejects.toThrow(/No categories/);
    expect(await count(database.db, 'citizens')).toBe(0);
  });
});

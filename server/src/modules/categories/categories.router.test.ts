import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';

const DAY = 86_400_000;

let database: TestDatabase;
let admin: SessionUser;
let agent: SessionUser;
let laerm: number;
beforeEach(async () => {
  database = await createTestDatabase();
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
  agent = await insertTestUser(database.db, { email: 'agent@musterstadt.example', role: 'agent' });
  laerm = (
    await database.db
      .insertInto('categories')
      .values({ name: 'Lärm und Ruhestörung', default_team_id: null, retention_days: 365, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterEach(async () => {
  await database.destroy();
});

const adminApi = () => callerFor(database.db, admin);

async function retentionEvents() {
  return database.db
    .selectFrom('audit_events')
    .select(['actor_id', 'entity_type', 'entity_id', 'details'])
    .where('action', '=', 'category.retention_changed')
    .orderBy('id')
    .execute();
}

describe('categories.setRetention', () => {
  it('changes the period every role reads in the list, and audits the old and new value', async () => {
    await adminApi().categories.setRetention({ categoryId: laerm, retentionDays: 30 });
    expect(await callerFor(database.db, agent).categories.list()).toEqual([
      { id: laerm, name: 'Lärm und Ruhestörung', defaultTeamId: null, retentionDays: 30 },
    ]);
    await adminApi().categories.setRetention({ categoryId: laerm, retentionDays: null });
    expect((await adminApi().categories.list())[0]?.retentionDays).toBeNull();

    expect(await retentionEvents()).toEqual([
      { actor_id: admin.id, entity_type: 'category', entity_id: String(laerm), details: JSON.stringify({ from: 365, to: 30 }) },
      { actor_id: admin.id, entity_type: 'category', entity_id: String(laerm), details: JSON.stringify({ from: 30, to: null }) },
    ]);
  });

  it('makes the retention preview count by the new period', async () => {
    const citizen = await insertTestCitizen(database.db, 'Berg', 'Berta');
    const closedAt = Date.now() - 40 * DAY;
    await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000001',
      category_id: laerm,
      status: 'closed',
      closed_at: closedAt,
    });
    const before = await adminApi().privacy.retentionPreview();
    expect(before.cases).toBe(0);

    await adminApi().categories.setRetention({ categoryId: laerm, retentionDays: 30 });
    const after = await adminApi().privacy.retentionPreview();
    expect(after).toEqual({ categories: [{ categoryId: laerm, name: 'Lärm und Ruhestörung', cases: 1 }], cases: 1, citizens: 1 });
  });

  it.each([
    ['shorter than 30 days', 29],
    ['longer than 3650 days', 3651],
    ['a fraction of a day', 45.5],
    ['zero', 0],
  ])('refuses a period %s and changes nothing', async (_label, retentionDays) => {
    await expectAppError(
      adminApi().categories.setRetention({ categoryId: laerm, retentionDays }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect((await adminApi().categories.list())[0]?.retentionDays).toBe(365);
    expect(await retentionEvents()).toEqual([]);
  });

  it('accepts the bounds', async () => {
    await adminApi().categories.setRetention({ categoryId: laerm, retentionDays: 30 });
    await adminApi().categories.setRetention({ categoryId: laerm, retentionDays: 3650 });
    expect((await adminApi().categories.list())[0]?.retentionDays).toBe(3650);
  });

  it('answers not found for an unknown category and writes no audit event', async () => {
    await expectAppError(
      adminApi().categories.setRetention({ categoryId: laerm + 1, retentionDays: 90 }),
      'NOT_FOUND',
      'notFound',
    );
    expect(await retentionEvents()).toEqual([]);
  });
});

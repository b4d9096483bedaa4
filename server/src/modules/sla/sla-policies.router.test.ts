import { SLA_MAX_MINUTES } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';

let database: TestDatabase;
let admin: SessionUser;
let parken: number;
let laerm: number;
beforeEach(async () => {
  database = await createTestDatabase();
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
  const category = async (name: string) =>
    (
      await database.db
        .insertInto('categories')
        .values({ name, default_team_id: null, retention_days: null, created_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  parken = await category('Parken und Verkehr');
  laerm = await category('Lärm und Ruhestörung');
});
afterEach(async () => {
  await database.destroy();
});

const adminCaller = () => callerFor(database.db, admin);
const DAY = 8 * 60;

async function policyCount() {
  const row = await database.db
    .selectFrom('sla_policies')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('slaPolicies.create and slaPolicies.list', () => {
  it('lists policies by category (any first, then by name) and priority (any first, then low to urgent)', async () => {
    const caller = adminCaller();
    const urgentParken = await caller.slaPolicies.create({
      priority: 'urgent',
      categoryId: parken,
      firstResponseMinutes: 60,
      resolutionMinutes: DAY,
    });
    const anyParken = await caller.slaPolicies.create({
      priority: null,
      categoryId: parken,
      firstResponseMinutes: null,
      resolutionMinutes: 5 * DAY,
    });
    const laermHigh = await caller.slaPolicies.create({
      priority: 'high',
      categoryId: laerm,
      firstResponseMinutes: 120,
      resolutionMinutes: null,
    });
    const urgent = await caller.slaPolicies.create({
      priority: 'urgent',
      categoryId: null,
      firstResponseMinutes: 30,
      resolutionMinutes: 2 * DAY,
    });
    const fallback = await caller.slaPolicies.create({
      priority: null,
      categoryId: null,
      firstResponseMinutes: DAY,
      resolutionMinutes: 10 * DAY,
    });
    const low = await caller.slaPolicies.create({
      priority: 'low',
      categoryId: null,
      firstResponseMinutes: 2 * DAY,
      resolutionMinutes: null,
    });

    expect(await caller.slaPolicies.list()).toEqual([
      {
        id: fallback.id,
        priority: null,
        categoryId: null,
        categoryName: null,
        firstResponseMinutes: DAY,
        resolutionMinutes: 10 * DAY,
      },
      {
        id: low.id,
        priority: 'low',
        categoryId: null,
        categoryName: null,
        firstResponseMinutes: 2 * DAY,
        resolutionMinutes: null,
      },
      {
        id: urgent.id,
        priority: 'urgent',
        categoryId: null,
        categoryName: null,
        firstResponseMinutes: 30,
        resolutionMinutes: 2 * DAY,
      },
      {
        id: laermHigh.id,
        priority: 'high',
        categoryId: laerm,
        categoryName: 'Lärm und Ruhestörung',
        firstResponseMinutes: 120,
        resolutionMinutes: null,
      },
      {
        id: anyParken.id,
        priority: null,
        categoryId: parken,
        categoryName: 'Parken und Verkehr',
        firstResponseMinutes: null,
        resolutionMinutes: 5 * DAY,
      },
      {
        id: urgentParken.id,
        priority: 'urgent',
        categoryId: parken,
        categoryName: 'Parken und Verkehr',
        firstResponseMinutes: 60,
        resolutionMinutes: DAY,
      },
    ]);
  });

  it('writes an audit event', async () => {
    const { id } = await adminCaller().slaPolicies.create({
      priority: 'high',
      categoryId: null,
      firstResponseMinutes: 60,
      resolutionMinutes: null,
    });
    const events = await database.db.selectFrom('audit_events').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: admin.id,
      action: 'slaPolicy.created',
      entity_type: 'sla_policy',
      entity_id: String(id),
    });
    expect(JSON.parse(events[0]!.details!)).toEqual({
      priority: 'high',
      categoryId: null,
      firstResponseMinutes: 60,
      resolutionMinutes: null,
    });
  });

  it('accepts the longest target of 365 days', async () => {
    await adminCaller().slaPolicies.create({
      priority: null,
      categoryId: null,
      firstResponseMinutes: null,
      resolutionMinutes: SLA_MAX_MINUTES,
    });
    expect(await policyCount()).toBe(1);
  });

  it.each([
    ['no target at all', { firstResponseMinutes: null, resolutionMinutes: null }],
    ['a target of 0 minutes', { firstResponseMinutes: 0, resolutionMinutes: null }],
    ['a negative target', { firstResponseMinutes: null, resolutionMinutes: -60 }],
    ['a target of more than 365 days', { firstResponseMinutes: null, resolutionMinutes: SLA_MAX_MINUTES + 1 }],
    ['a fraction of a minute', { firstResponseMinutes: 1.5, resolutionMinutes: null }],
    ['a first response later than the resolution', { firstResponseMinutes: 2 * DAY, resolutionMinutes: DAY }],
    ['an unknown priority', { priority: 'sofort', firstResponseMinutes: 60 }],
  ])('rejects %s with input.invalid', async (_what, fields) => {
    await expectAppError(
      adminCaller().slaPolicies.create({
        priority: null,
        categoryId: null,
        firstResponseMinutes: null,
        resolutionMinutes: null,
        ...(fields as object),
      }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(await policyCount()).toBe(0);
  });

  it('rejects a category that does not exist with categories.unknown', async () => {
    await expectAppError(
      adminCaller().slaPolicies.create({
        priority: null,
        categoryId: laerm + 100,
        firstResponseMinutes: 60,
        resolutionMinutes: null,
      }),
      'BAD_REQUEST',
      'categories.unknown',
    );
    expect(await policyCount()).toBe(0);
  });

  it('rejects a second policy for the same priority and category with conflict.slaPolicyExists', async () => {
    const caller = adminCaller();
    await caller.slaPolicies.create({ priority: 'high', categoryId: parken, firstResponseMinutes: 60, resolutionMinutes: null });
    await caller.slaPolicies.create({ priority: null, categoryId: null, firstResponseMinutes: DAY, resolutionMinutes: null });
    await expectAppError(
      caller.slaPolicies.create({ priority: 'high', categoryId: parken, firstResponseMinutes: 30, resolutionMinutes: null }),
      'CONFLICT',
      'conflict.slaPolicyExists',
    );
    await expectAppError(
      caller.slaPolicies.create({ priority: null, categoryId: null, firstResponseMinutes: null, resolutionMinutes: DAY }),
      'CONFLICT',
      'conflict.slaPolicyExists',
    );
    // Any of the two differing is another combination.
    await caller.slaPolicies.create({ priority: 'high', categoryId: null, firstResponseMinutes: 60, resolutionMinutes: null });
    await caller.slaPolicies.create({ priority: null, categoryId: parken, firstResponseMinutes: 60, resolutionMinutes: null });
    await caller.slaPolicies.create({ priority: 'high', categoryId: laerm, firstResponseMinutes: 60, resolutionMinutes: null });
    expect(await policyCount()).toBe(5);
  });
});

describe('slaPolicies.update', () => {
  it('changes targets and scope', async () => {
    const caller = adminCaller();
    const { id } = await caller.slaPolicies.create({
      priority: 'high',
      categoryId: null,
      firstResponseMinutes: 60,
      resolutionMinutes: null,
    });
    await expect(
      caller.slaPolicies.update({
        id,
        priority: 'urgent',
        categoryId: laerm,
        firstResponseMinutes: null,
        resolutionMinutes: DAY,
      }),
    ).resolves.toEqual({ id });
    expect(await caller.slaPolicies.list()).toEqual([
      {
        id,
        priority: 'urgent',
        categoryId: laerm,
        categoryName: 'Lärm und Ruhestörung',
        firstResponseMinutes: null,
        resolutionMinutes: DAY,
      },
    ]);
    const actions = await database.db.selectFrom('audit_events').select('action').orderBy('id').execute();
    expect(actions.map((event) => event.action)).toEqual(['slaPolicy.created', 'slaPolicy.updated']);
  });

  it('keeps its own combination, but not that of another policy', async () => {
    const caller = adminCaller();
    await caller.slaPolicies.create({ priority: 'high', categoryId: parken, firstResponseMinutes: 60, resolutionMinutes: null });
    const { id } = await caller.slaPolicies.create({
      priority: 'low',
      categoryId: parken,
      firstResponseMinutes: 60,
      resolutionMinutes: null,
    });
    await caller.slaPolicies.update({
      id,
      priority: 'low',
      categoryId: parken,
      firstResponseMinutes: 90,
      resolutionMinutes: null,
    });
    await expectAppError(
      caller.slaPolicies.update({ id, priority: 'high', categoryId: parken, firstResponseMinutes: 90, resolutionMinutes: null }),
      'CONFLICT',
      'conflict.slaPolicyExists',
    );
    const row = await database.db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ priority: 'low', first_response_minutes: 90 });
  });

  it('answers NOT_FOUND for an unknown policy', async () => {
    await expectAppError(
      adminCaller().slaPolicies.update({
        id: 9999,
        priority: null,
        categoryId: null,
        firstResponseMinutes: 60,
        resolutionMinutes: null,
      }),
      'NOT_FOUND',
      'notFound',
    );
    expect(await policyCount()).toBe(0);
  });

  it('validates like create', async () => {
    const { id } = await adminCaller().slaPolicies.create({
      priority: null,
      categoryId: null,
      firstResponseMinutes: 60,
      resolutionMinutes: null,
    });
    await expectAppError(
      adminCaller().slaPolicies.update({
        id,
        priority: null,
        categoryId: null,
        firstResponseMinutes: null,
        resolutionMinutes: null,
      }),
      'BAD_REQUEST',
      'input.invalid',
    );
    await expectAppError(
      adminCaller().slaPolicies.update({
        id,
        priority: null,
        categoryId: parken + 100,
        firstResponseMinutes: 60,
        resolutionMinutes: null,
      }),
      'BAD_REQUEST',
      'categories.unknown',
    );
  });
});

describe('slaPolicies.remove', () => {
  it('deletes a policy and audits it', async () => {
    const caller = adminCaller();
    const { id } = await caller.slaPolicies.create({
      priority: null,
      categoryId: null,
      firstResponseMinutes: 60,
      resolutionMinutes: null,
    });
    await expect(caller.slaPolicies.remove({ id })).resolves.toEqual({ id });
    expect(await policyCount()).toBe(0);
    const last = await database.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'slaPolicy.removed', entity_id: String(id) });
  });

  it('answers NOT_FOUND for an unknown policy', async () => {
    await expectAppError(adminCaller().slaPolicies.remove({ id: 9999 }), 'NOT_FOUND', 'notFound');
  });
});

describe('SLA policies access', () => {
  it.each(['agent', 'team_lead', 'supervisor'] as const)('forbids a %s to read or change the policies', async (role) => {
    const { id } = await adminCaller().slaPolicies.create({
      priority: null,
      categoryId: null,
      firstResponseMinutes: 60,
      resolutionMinutes: null,
    });
    const caller = callerFor(database.db, await insertTestUser(database.db, { email: `${role}.user@musterstadt.example`, role }));
    const policy = { priority: null, categoryId: null, firstResponseMinutes: 1, resolutionMinutes: null };
    await expectAppError(caller.slaPolicies.list(), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(caller.slaPolicies.create({ ...policy, priority: 'low' }), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(caller.slaPolicies.update({ id, ...policy }), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(caller.slaPolicies.remove({ id }), 'FORBIDDEN', 'auth.forbidden');
    expect(await policyCount()).toBe(1);
  });
});

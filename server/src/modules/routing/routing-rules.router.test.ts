import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';

let database: TestDatabase;
let admin: SessionUser;
let buero: number;
let ordnung: number;
let parken: number;
beforeEach(async () => {
  database = await createTestDatabase();
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
  buero = await insertTestTeam(database.db, 'Bürgerbüro');
  ordnung = await insertTestTeam(database.db, 'Ordnungsamt');
  parken = (
    await database.db
      .insertInto('categories')
      .values({ name: 'Parken und Verkehr', default_team_id: ordnung, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterEach(async () => {
  await database.destroy();
});

const adminCaller = () => callerFor(database.db, admin);

async function ruleIds() {
  return (await adminCaller().routingRules.list()).map((rule) => rule.id);
}

async function auditActions() {
  return (await database.db.selectFrom('audit_events').select(['action', 'entity_id']).orderBy('id').execute()).map(
    (event) => `${event.action} ${event.entity_id}`,
  );
}

describe('routingRules.create and routingRules.list', () => {
  it('appends rules of every kind and lists them in order with team and category names', async () => {
    const caller = adminCaller();
    const keyword = await caller.routingRules.create({ kind: 'keyword', value: '  Sperrmüll ', teamId: buero });
    const channel = await caller.routingRules.create({ kind: 'channel', value: 'phone', teamId: buero });
    const address = await caller.routingRules.create({ kind: 'address', value: ' Ordnung@Musterstadt.example', teamId: ordnung });
    const category = await caller.routingRules.create({ kind: 'category', value: String(parken), teamId: ordnung });

    expect(await caller.routingRules.list()).toEqual([
      {
        id: keyword.id,
        position: 1,
        kind: 'keyword',
        value: 'Sperrmüll',
        teamId: buero,
        teamName: 'Bürgerbüro',
        categoryName: null,
      },
      { id: channel.id, position: 2, kind: 'channel', value: 'phone', teamId: buero, teamName: 'Bürgerbüro', categoryName: null },
      {
        id: address.id,
        position: 3,
        kind: 'address',
        value: 'ordnung@musterstadt.example',
        teamId: ordnung,
        teamName: 'Ordnungsamt',
        categoryName: null,
      },
      {
        id: category.id,
        position: 4,
        kind: 'category',
        value: String(parken),
        teamId: ordnung,
        teamName: 'Ordnungsamt',
        categoryName: 'Parken und Verkehr',
      },
    ]);
  });

  it('writes an audit event with ids and the kind, not the value', async () => {
    const { id } = await adminCaller().routingRules.create({ kind: 'keyword', value: 'Hundesteuer', teamId: buero });
    const events = await database.db.selectFrom('audit_events').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: admin.id,
      action: 'routingRule.created',
      entity_type: 'routing_rule',
      entity_id: String(id),
    });
    expect(JSON.parse(events[0]!.details!)).toEqual({ kind: 'keyword', teamId: buero });
  });

  it.each([
    ['a channel nobody writes in on', { kind: 'channel', value: 'note' }],
    ['an unknown channel', { kind: 'channel', value: 'fax' }],
    ['an address that is not an email address', { kind: 'address', value: 'ordnungsamt' }],
    ['a category that is not an id', { kind: 'category', value: 'Parken' }],
    ['a keyword of one letter', { kind: 'keyword', value: ' a ' }],
    ['a keyword of 81 letters', { kind: 'keyword', value: 'x'.repeat(81) }],
    ['an unknown kind', { kind: 'sender', value: 'x@example.com' }],
  ])('rejects %s with input.invalid', async (_what, rule) => {
    await expectAppError(
      adminCaller().routingRules.create({ ...(rule as { kind: 'keyword'; value: string }), teamId: buero }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(await ruleIds()).toEqual([]);
  });

  it('accepts a keyword of 2 and of 80 letters', async () => {
    await adminCaller().routingRules.create({ kind: 'keyword', value: 'Ab', teamId: buero });
    await adminCaller().routingRules.create({ kind: 'keyword', value: 'x'.repeat(80), teamId: buero });
    expect(await ruleIds()).toHaveLength(2);
  });

  it('rejects a category that does not exist with categories.unknown', async () => {
    await expectAppError(
      adminCaller().routingRules.create({ kind: 'category', value: String(parken + 100), teamId: buero }),
      'BAD_REQUEST',
      'categories.unknown',
    );
    expect(await ruleIds()).toEqual([]);
  });

  it('rejects a team that does not exist with teams.unknown', async () => {
    await expectAppError(
      adminCaller().routingRules.create({ kind: 'keyword', value: 'Sperrmüll', teamId: 9999 }),
      'BAD_REQUEST',
      'teams.unknown',
    );
    expect(await ruleIds()).toEqual([]);
  });

  it('rejects a second rule with the same condition (keywords in any case and spelling) with conflict.routingRuleExists', async () => {
    const caller = adminCaller();
    await caller.routingRules.create({ kind: 'keyword', value: 'Sperrmüll', teamId: buero });
    await caller.routingRules.create({ kind: 'address', value: 'amt@musterstadt.example', teamId: buero });
    for (const spelling of ['SPERRMÜLL', 'Sperrmuell']) {
      await expectAppError(
        caller.routingRules.create({ kind: 'keyword', value: spelling, teamId: ordnung }),
        'CONFLICT',
        'conflict.routingRuleExists',
      );
    }
    await expectAppError(
      caller.routingRules.create({ kind: 'address', value: 'AMT@musterstadt.example', teamId: ordnung }),
      'CONFLICT',
      'conflict.routingRuleExists',
    );
    // The same text under another kind is another condition.
    await caller.routingRules.create({ kind: 'keyword', value: 'amt@musterstadt.example', teamId: ordnung });
    expect(await ruleIds()).toHaveLength(3);
  });
});

describe('routingRules.remove', () => {
  it('deletes a rule; the others keep their order', async () => {
    const caller = adminCaller();
    const a = await caller.routingRules.create({ kind: 'keyword', value: 'Sperrmüll', teamId: buero });
    const b = await caller.routingRules.create({ kind: 'keyword', value: 'Parkausweis', teamId: ordnung });
    const c = await caller.routingRules.create({ kind: 'channel', value: 'counter', teamId: buero });
    await expect(caller.routingRules.remove({ id: b.id })).resolves.toEqual({ id: b.id });
    expect((await caller.routingRules.list()).map(({ id, position }) => ({ id, position }))).toEqual([
      { id: a.id, position: 1 },
      { id: c.id, position: 2 },
    ]);
    expect(await auditActions()).toContain(`routingRule.removed ${b.id}`);
  });

  it('answers NOT_FOUND for an unknown rule', async () => {
    await expectAppError(adminCaller().routingRules.remove({ id: 9999 }), 'NOT_FOUND', 'notFound');
    expect(await auditActions()).toEqual([]);
  });
});

describe('routingRules.move', () => {
  async function threeRules() {
    const caller = adminCaller();
    const a = await caller.routingRules.create({ kind: 'keyword', value: 'Sperrmüll', teamId: buero });
    const b = await caller.routingRules.create({ kind: 'keyword', value: 'Parkausweis', teamId: ordnung });
    const c = await caller.routingRules.create({ kind: 'channel', value: 'counter', teamId: buero });
    return [a.id, b.id, c.id] as const;
  }

  it('swaps a rule with the one above or below', async () => {
    const [a, b, c] = await threeRules();
    await expect(adminCaller().routingRules.move({ id: c, direction: 'up' })).resolves.toEqual({ id: c, position: 2 });
    expect(await ruleIds()).toEqual([a, c, b]);
    await expect(adminCaller().routingRules.move({ id: a, direction: 'down' })).resolves.toEqual({ id: a, position: 2 });
    expect(await ruleIds()).toEqual([c, a, b]);
    expect(await auditActions()).toEqual([
      `routingRule.created ${a}`,
      `routingRule.created ${b}`,
      `routingRule.created ${c}`,
      `routingRule.moved ${c}`,
      `routingRule.moved ${a}`,
    ]);
  });

  it('leaves the first rule first when moved up, and the last last when moved down', async () => {
    const [a, b, c] = await threeRules();
    await expect(adminCaller().routingRules.move({ id: a, direction: 'up' })).resolves.toEqual({ id: a, position: 1 });
    await expect(adminCaller().routingRules.move({ id: c, direction: 'down' })).resolves.toEqual({ id: c, position: 3 });
    expect(await ruleIds()).toEqual([a, b, c]);
    expect(await auditActions()).toHaveLength(3);
  });

  it('moves past gaps left by deleted rules and numbers the order 1..n again', async () => {
    const [a, b, c] = await threeRules();
    await adminCaller().routingRules.remove({ id: b });
    await adminCaller().routingRules.move({ id: c, direction: 'up' });
    expect(await ruleIds()).toEqual([c, a]);
    const stored = await database.db.selectFrom('routing_rules').select(['id', 'position']).orderBy('position').execute();
    expect(stored).toEqual([
      { id: c, position: 1 },
      { id: a, position: 2 },
    ]);
  });

  it('orders rules with the same stored position by id, and can still move them apart', async () => {
    const [a, b, c] = await threeRules();
    await database.db.updateTable('routing_rules').set({ position: 7 }).execute();
    expect(await ruleIds()).toEqual([a, b, c]);
    await adminCaller().routingRules.move({ id: b, direction: 'up' });
    expect(await ruleIds()).toEqual([b, a, c]);
  });

  it('answers NOT_FOUND for an unknown rule', async () => {
    await threeRules();
    await expectAppError(adminCaller().routingRules.move({ id: 9999, direction: 'up' }), 'NOT_FOUND', 'notFound');
  });

  it('rejects an unknown direction with input.invalid', async () => {
    const [a] = await threeRules();
    await expectAppError(adminCaller().routingRules.move({ id: a, direction: 'left' as 'up' }), 'BAD_REQUEST', 'input.invalid');
  });
});

describe('routing rules access', () => {
  it.each(['agent', 'team_lead', 'supervisor'] as const)('forbids a %s to read or change the rules', async (role) => {
    const { id } = await adminCaller().routingRules.create({ kind: 'keyword', value: 'Sperrmüll', teamId: buero });
    const caller = callerFor(database.db, await insertTestUser(database.db, { email: `${role}.user@musterstadt.example`, role }));
    await expectAppError(caller.routingRules.list(), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(
      caller.routingRules.create({ kind: 'keyword', value: 'Hund', teamId: buero }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(caller.routingRules.move({ id, direction: 'down' }), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(caller.routingRules.remove({ id }), 'FORBIDDEN', 'auth.forbidden');
    expect(await ruleIds()).toEqual([id]);
  });
});

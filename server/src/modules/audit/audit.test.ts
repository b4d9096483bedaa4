import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { NO_ACTOR } from '../../domain/actor.js';
import * as auditCitizensMigration from '../../db/migrations/20261208040000_audit_citizens.js';

let database: TestDatabase;
let agent: SessionUser;
let admin: SessionUser;
let api: ReturnType<typeof callerFor>;
let adminApi: ReturnType<typeof callerFor>;

beforeEach(async () => {
  database = await createTestDatabase();
  agent = await insertTestUser(database.db, {
    email: 'anna.agentin@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Agentin',
  });
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin', displayName: 'Ada Admin' });
  api = callerFor(database.db, agent);
  adminApi = callerFor(database.db, admin);
});
afterEach(async () => {
  await database.destroy();
});

/** A citizen's mail as the email channel records it. */
async function mailFromBerta(subject = 'Laterne defekt') {
  const result = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: 'berta.berg@example.com', name: 'Berta Berg' },
    subject,
    text: 'Die Laterne vor meinem Haus ist seit Tagen dunkel.',
    externalMessageId: `<${subject.replaceAll(' ', '-')}@example.com>`,
  });
  const { reference } = await database.db
    .selectFrom('cases')
    .select('reference')
    .where('id', '=', result.caseId)
    .executeTakeFirstOrThrow();
  return { ...result, reference };
}

const lastId = async () =>
  (await database.db.selectFrom('audit_events').select('id').orderBy('id', 'desc').executeTakeFirst())?.id ?? 0;

/** What a call left in the audit log. */
async function eventsOf(call: () => Promise<unknown>) {
  const before = await lastId();
  await call();
  return database.db.selectFrom('audit_events').selectAll().where('id', '>', before).orderBy('id').execute();
}

/** Personal data of the test citizen that must never reach the audit log. */
const PERSONAL = ['Berta', 'Berg', 'berta.berg', 'example.com', 'Laterne', 'dunkel'];

describe('reads of personal data', () => {
  it('records each read once, with the reader, ip, action and entity, and without personal data', async () => {
    const { caseId, citizenId, reference } = await mailFromBerta();
    const reads: [string, () => Promise<unknown>, { action: string; entity_type: string; entity_id: string | null }][] = [
      [
        'citizens.byId',
        () => api.citizens.byId({ id: citizenId }),
        { action: 'citizen.viewed', entity_type: 'citizen', entity_id: String(citizenId) },
      ],
      [
        'citizens.panel',
        () => api.citizens.panel({ id: citizenId }),
        { action: 'citizen.viewed', entity_type: 'citizen', entity_id: String(citizenId) },
      ],
      [
        'citizens.timeline',
        () => api.citizens.timeline({ citizenId }),
        { action: 'citizen.timeline_viewed', entity_type: 'citizen', entity_id: String(citizenId) },
      ],
      [
        'citizens.lookup',
        () => api.citizens.lookup({ query: 'Berta Berg' }),
        { action: 'citizen.looked_up', entity_type: 'citizen', entity_id: null },
      ],
      [
        'citizens.duplicates',
        () => api.citizens.duplicates({ id: citizenId }),
        { action: 'citizen.duplicates_viewed', entity_type: 'citizen', entity_id: String(citizenId) },
      ],
      [
        'cases.byReference',
        () => api.cases.byReference({ reference }),
        { action: 'case.viewed', entity_type: 'case', entity_id: String(caseId) },
      ],
      [
        'search.run',
        () => api.search.run({ q: 'Laterne' }),
        { action: 'search.performed', entity_type: 'search', entity_id: null },
      ],
      ['cases.list', () => api.cases.list({ view: 'all' }), { action: 'case.listed', entity_type: 'case', entity_id: null }],
    ];
    for (const [name, call, expected] of reads) {
      const events = await eventsOf(call);
      expect(events, name).toHaveLength(1);
      const [event] = events;
      expect({ action: event?.action, entity_type: event?.entity_type, entity_id: event?.entity_id }, name).toEqual(expected);
      expect({ actor: event?.actor_id, ip: event?.ip }, name).toEqual({ actor: agent.id, ip: '127.0.0.1' });
      for (const word of PERSONAL) expect(event?.details ?? '', `${name} details`).not.toContain(word);
    }
  });

  it('names the ids shown: the citizens found by a lookup, the citizens and cases of a search (not the query)', async () => {
    const { caseId, citizenId } = await mailFromBerta();
    const [lookup] = await eventsOf(() => api.citizens.lookup({ query: 'berta.berg@example.com' }));
    expect(JSON.parse(lookup?.details ?? 'null')).toEqual({ count: 1, citizenIds: [citizenId] });

    const [search] = await eventsOf(() => api.search.run({ q: 'berta.berg@example.com' }));
    expect(JSON.parse(search?.details ?? 'null')).toEqual({ citizens: 1, citizenIds: [citizenId], cases: 1, caseIds: [caseId] });
    expect(search?.details).not.toContain('berta');

    const [viewed] = await eventsOf(() => api.citizens.panel({ id: citizenId }));
    expect(JSON.parse(viewed?.details ?? 'null')).toEqual({ view: 'panel', cases: 1, interactions: 1 });
  });

  it('names the citizens an inbox page shows, each once, and only those of that page', async () => {
    const first = await mailFromBerta('Laterne defekt');
    const second = await mailFromBerta('Laterne wieder defekt');
    const other = await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'phone',
      from: { phone: '030 1234567', name: 'Otto Ohm' },
      subject: 'Sperrmüll',
      text: 'Wann wird abgeholt?',
    });
    expect(second.citizenId).toBe(first.citizenId);
    const [all] = await eventsOf(() => api.cases.list({ view: 'all', sort: 'created', order: 'asc' }));
    expect(JSON.parse(all?.details ?? 'null')).toEqual({
      view: 'all',
      cases: 3,
      citizenIds: [first.citizenId, other.citizenId],
    });
    // The second page (from Otto's case on) names Otto alone.
    const page = await api.cases.list({ view: 'all', sort: 'created', order: 'asc', limit: 2 });
    const [next] = await eventsOf(() =>
      api.cases.list({ view: 'all', sort: 'created', order: 'asc', limit: 2, cursor: page.nextCursor }),
    );
    expect(JSON.parse(next?.details ?? 'null')).toEqual({ view: 'all', cases: 1, citizenIds: [other.citizenId] });
    const [mine] = await eventsOf(() => api.cases.list({ view: 'mine' }));
    expect(JSON.parse(mine?.details ?? 'null')).toEqual({ view: 'mine', cases: 0, citizenIds: [] });
  });

  it('records nothing for a read that fails (an unknown case)', async () => {
    const events = await eventsOf(() => api.cases.byReference({ reference: 'A-1999-000001' }).catch(() => undefined));
    expect(events).toEqual([]);
  });
});

describe('append-only', () => {
  it('refuses to update or delete audit events, on both dialects', async () => {
    await mailFromBerta();
    await api.search.run({ q: 'Laterne' });
    const before = await database.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);

    await expect(database.db.updateTable('audit_events').set({ action: 'nothing.happened' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      database.db.updateTable('audit_events').set({ actor_id: null }).where('id', '=', before[0]!.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_events').where('id', '=', before[0]!.id).execute()).rejects.toThrow(/append-only/);

    expect(await database.db.selectFrom('audit_events').selectAll().orderBy('id').execute()).toEqual(before);
  });
});

describe('the admin viewer', () => {
  const at = (iso: string) => Date.parse(iso);

  /** Events at given instants by given actors, oldest first. */
  async function seed(
    rows: { occurredAt: number; actorId: number | null; action: string; entityType: string; entityId?: string }[],
  ) {
    for (const row of rows) {
      await database.db
        .insertInto('audit_events')
        .values({
          occurred_at: row.occurredAt,
          actor_id: row.actorId,
          action: row.action,
          entity_type: row.entityType,
          entity_id: row.entityId ?? null,
          ip: '10.0.0.7',
          details: JSON.stringify({ interactions: 2 }),
        })
        .execute();
    }
  }

  it('lists newest first with the actor, and filters by actor, action prefix, entity and Berlin days', async () => {
    await seed([
      // 1 March 2026, 23:30 UTC is already 2 March in Berlin (UTC+1).
      { occurredAt: at('2026-03-01T22:30:00Z'), actorId: agent.id, action: 'case.viewed', entityType: 'case', entityId: '7' },
      {
        occurredAt: at('2026-03-01T23:30:00Z'),
        actorId: agent.id,
        action: 'citizen.viewed',
        entityType: 'citizen',
        entityId: '3',
      },
      { occurredAt: at('2026-03-02T10:00:00Z'), actorId: admin.id, action: 'user.updated', entityType: 'user', entityId: '2' },
      { occurredAt: at('2026-03-03T09:00:00Z'), actorId: null, action: 'case.created', entityType: 'case', entityId: '8' },
    ]);
    const all = await adminApi.audit.list({});
    expect(all.items.map((item) => item.action)).toEqual(['case.created', 'user.updated', 'citizen.viewed', 'case.viewed']);
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]?.actor).toBeNull();
    expect(all.items[3]).toMatchObject({
      occurredAt: at('2026-03-01T22:30:00Z'),
      actor: { id: agent.id, displayName: 'Anna Agentin', email: 'anna.agentin@musterstadt.example' },
      entityType: 'case',
      entityId: '7',
      ip: '10.0.0.7',
      details: { interactions: 2 },
    });

    const actions = async (filter: Parameters<typeof adminApi.audit.list>[0]) =>
      (await adminApi.audit.list(filter)).items.map((item) => item.action);
    expect(await actions({ actorId: agent.id })).toEqual(['citizen.viewed', 'case.viewed']);
    expect(await actions({ action: 'case.' })).toEqual(['case.created', 'case.viewed']);
    expect(await actions({ action: 'Citizen.Viewed' })).toEqual(['citizen.viewed']);
    // A wildcard is no machine word: refused as input, as the export could not record it (it answered 500 before).
    await expectAppError(adminApi.audit.list({ action: 'case.viewed%' }), 'BAD_REQUEST', 'input.invalid');
    await expectAppError(adminApi.audit.export({ action: '  {' }), 'BAD_REQUEST', 'input.invalid');
    expect(await actions({ entityType: 'case', entityId: '7' })).toEqual(['case.viewed']);
    expect(await actions({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['user.updated', 'citizen.viewed']);
    expect(await actions({ to: '2026-03-01' })).toEqual(['case.viewed']);
    expect(await actions({ from: '2026-03-03' })).toEqual(['case.created']);
    expect(await actions({ actorId: agent.id, action: 'case.', from: '2026-03-01' })).toEqual(['case.viewed']);
    await expectAppError(adminApi.audit.list({ from: '2026-03-03', to: '2026-03-01' }), 'BAD_REQUEST', 'input.invalid');
  });

  it('pages by keyset until the last page', async () => {
    await seed(
      Array.from({ length: 5 }, (_, i) => ({
        occurredAt: at('2026-03-02T10:00:00Z') + i,
        actorId: agent.id,
        action: 'case.viewed',
        entityType: 'case',
        entityId: String(i + 1),
      })),
    );
    const seen: (string | null)[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof adminApi.audit.list>> = await adminApi.audit.list({ limit: 2, cursor });
      seen.push(...page.items.map((item) => item.entityId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(seen).toEqual(['5', '4', '3', '2', '1']);
    expect(pages).toBe(3);
    await expectAppError(adminApi.audit.list({ limit: 201 }), 'BAD_REQUEST', 'input.invalid');
  });

  it('exports the filtered log as CSV (German: semicolons, BOM) and records the export', async () => {
    await seed([
      { occurredAt: at('2026-03-01T22:30:00Z'), actorId: agent.id, action: 'case.viewed', entityType: 'case', entityId: '7' },
      { occurredAt: at('2026-03-02T10:00:00Z'), actorId: admin.id, action: 'user.updated', entityType: 'user', entityId: '2' },
    ]);
    const result = await adminApi.audit.export({ actorId: agent.id });
    expect(result).toMatchObject({ rows: 1, truncated: false });
    const lines = result.csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFZeit;Benutzerkonto-ID;Benutzerkonto;E-Mail;Aktion;Objekttyp;Objekt-ID;IP;Details');
    expect(lines[1]).toBe(
      `2026-03-01 23:30:00;${agent.id};Anna Agentin;anna.agentin@musterstadt.example;case.viewed;case;7;10.0.0.7;"{""interactions"":2}"`,
    );
    expect(lines).toHaveLength(3);

    const [exported] = (await adminApi.audit.list({ action: 'audit.' })).items;
    expect(exported).toMatchObject({
      actor: { id: admin.id },
      action: 'audit.exported',
      details: { rows: 1, truncated: false, filter: { actorId: agent.id } },
    });
  });

  it('is for admins only', async () => {
    for (const role of ['agent', 'team_lead', 'supervisor'] as const) {
      const user = await insertTestUser(database.db, { email: `${role}-viewer@musterstadt.example`, role });
      const caller = callerFor(database.db, user);
      await expectAppError(caller.audit.list({}), 'FORBIDDEN', 'auth.forbidden');
      await expectAppError(caller.audit.export({}), 'FORBIDDEN', 'auth.forbidden');
    }
  });
});

describe('who looked at this person’s data (Art. 15)', () => {
  /** Berta's and Otto's cases, then reads and changes by the agent that touch one, the other, or both. */
  async function twoCitizensAndTheirReads() {
    const berta = await mailFromBerta();
    const otto = await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'phone',
      from: { phone: '030 1234567', name: 'Otto Ohm' },
      subject: 'Sperrmüll',
      text: 'Wann wird abgeholt?',
    });
    await api.cases.byReference({ reference: berta.reference });
    await api.citizens.panel({ id: otto.citizenId });
    await api.cases.list({ view: 'all' });
    await api.search.run({ q: '030 1234567' });
    await api.cases.addInteraction({ caseId: berta.caseId, kind: 'note', text: 'Rückruf vereinbart', direction: 'inbound' });
    return { berta, otto };
  }

  it('filters the log by a citizen: every event that touched their data, newest first, and only those', async () => {
    const { berta, otto } = await twoCitizensAndTheirReads();
    const actionsFor = async (citizenId: number) => (await adminApi.audit.list({ citizenId })).items.map((item) => item.action);
    expect(await actionsFor(berta.citizenId)).toEqual([
      'interaction.added',
      'case.listed',
      'case.viewed',
      'interaction.received',
      'citizen.created',
    ]);
    expect(await actionsFor(otto.citizenId)).toEqual([
      'search.performed',
      'case.listed',
      'citizen.viewed',
      'interaction.received',
      'citizen.created',
    ]);
    // The page names what its ids stand for: the case by its reference, the citizens by name (for the admin).
    const page = await adminApi.audit.list({ citizenId: berta.citizenId });
    expect(page.names.case).toEqual({ [berta.caseId]: berta.reference });
    expect(page.names.citizen).toMatchObject({ [berta.citizenId]: 'Berta Berg', [otto.citizenId]: 'Otto Ohm' });
    expect(page.names.user).toEqual({});
    // The answer can be exported, and the export says which citizen it was for.
    const exported = await adminApi.audit.export({ citizenId: otto.citizenId });
    expect(exported.rows).toBe((await actionsFor(otto.citizenId)).length);
    const [record] = (await adminApi.audit.list({ action: 'audit.exported' })).items;
    expect(record?.details).toMatchObject({ filter: { citizenId: otto.citizenId } });
  });

  it('fills in older events the same way the writer does (the migration’s backfill)', async () => {
    await twoCitizensAndTheirReads();
    const written = await database.db
      .selectFrom('audit_event_citizens')
      .select(['citizen_id', 'audit_event_id'])
      .orderBy('audit_event_id')
      .orderBy('citizen_id')
      .execute();
    expect(written.length).toBeGreaterThan(8);
    await database.db.schema.dropTable('audit_event_citizens').execute();
    await auditCitizensMigration.up(database.db);
    const backfilled = await database.db
      .selectFrom('audit_event_citizens')
      .select(['citizen_id', 'audit_event_id'])
      .orderBy('audit_event_id')
      .orderBy('citizen_id')
      .execute();
    expect(backfilled).toEqual(written);
  });
});

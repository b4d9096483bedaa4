import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';

let database: TestDatabase;
let agent: SessionUser;
let api: ReturnType<typeof callerFor>;
beforeEach(async () => {
  database = await createTestDatabase();
  agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
  api = callerFor(database.db, agent);
});
afterEach(async () => {
  await database.destroy();
});

const caseRow = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const interactionsOf = (caseId: number) => database.db.selectFrom('interactions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

async function citizenWithCase(email = 'berta@example.com') {
  const citizen = await api.citizens.create({ givenName: 'Berta', familyName: 'Berg', contacts: [{ kind: 'email', value: email }] });
  const created = await api.cases.create({ citizenId: citizen.id, subject: 'Laterne defekt', channel: 'email', text: 'Die Laterne ist aus.' });
  return { citizenId: citizen.id, ...created };
}

describe('cases', () => {
  it('get references per year in sequence and belong to the agent who opened them', async () => {
    const first = await citizenWithCase();
    const second = await api.cases.create({ citizenId: first.citizenId, subject: 'Zweites Anliegen', channel: 'phone', text: 'Anruf.' });
    const year = new Date().getFullYear();
    expect([first.reference, second.reference]).toEqual([`A-${year}-000001`, `A-${year}-000002`]);
    expect(await caseRow(first.id)).toMatchObject({ assignee_id: agent.id, status: 'open', origin_channel: 'email' });
    expect((await interactionsOf(second.id)).map((i) => [i.channel, i.direction, i.duration_seconds])).toEqual([['phone', 'inbound', null]]);
  });

  it('save an edit made on the current version and refuse one made on a stale version, changing nothing', async () => {
    const { id } = await citizenWithCase();
    expect(await api.cases.update({ id, version: 1, subject: 'Laterne Gartenweg 7 defekt' })).toEqual({ version: 2 });
    await expectAppError(api.cases.update({ id, version: 1, status: 'closed' }), 'CONFLICT', 'conflict.staleVersion');
    expect(await caseRow(id)).toMatchObject({ subject: 'Laterne Gartenweg 7 defekt', status: 'open', version: 2 });
  });

  it('let exactly one of two simultaneous edits of the same version win', async () => {
    const { id } = await citizenWithCase();
    const results = await Promise.allSettled([
      api.cases.update({ id, version: 1, status: 'waiting_internal' }),
      api.cases.update({ id, version: 1, priority: 'urgent' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const row = await caseRow(id);
    expect(row.version).toBe(2);
    // Exactly one of the two changes is in, never a mix of one and a lost other.
    expect([row.status === 'waiting_internal', row.priority === 'urgent'].filter(Boolean)).toHaveLength(1);
  });

  it('record resolution and closing times, clear them on reopening, and pause while waiting for the citizen', async () => {
    const { id } = await citizenWithCase();
    let version = (await api.cases.update({ id, version: 1, status: 'waiting_citizen' })).version;
    expect((await caseRow(id)).sla_paused_at).not.toBeNull();
    version = (await api.cases.update({ id, version, status: 'resolved' })).version;
    let row = await caseRow(id);
    expect(row.resolved_at).not.toBeNull();
    expect(row.sla_paused_at).toBeNull();
    version = (await api.cases.update({ id, version, status: 'closed' })).version;
    expect((await caseRow(id)).closed_at).not.toBeNull();
    await api.cases.update({ id, version, status: 'open' });
    row = await caseRow(id);
    expect([row.resolved_at, row.closed_at]).toEqual([null, null]);
  });

  it('queue a reply as outgoing mail and count it as the first response; refuse a reply without an address', async () => {
    const mail = await recordInboundContact(database.db, { id: null, ip: null }, { channel: 'email', from: { email: 'carla@example.com' }, subject: 'Frage', text: 'Hallo?' });
    expect((await caseRow(mail.caseId)).status).toBe('new');
    await api.cases.addInteraction({ caseId: mail.caseId, kind: 'reply', text: 'Guten Tag!' });
    const [, reply] = await interactionsOf(mail.caseId);
    expect(reply).toMatchObject({ channel: 'email', direction: 'outbound', delivery_status: 'pending', author_id: agent.id });
    expect(JSON.parse(reply!.metadata!)).toEqual({ to: 'carla@example.com' });
    const row = await caseRow(mail.caseId);
    expect(row.first_response_at).not.toBeNull();
    expect(row.status).toBe('open');

    const phoneOnly = await api.citizens.create({ familyName: 'Dorn', contacts: [{ kind: 'phone', value: '030 1234567' }] });
    const other = await api.cases.create({ citizenId: phoneOnly.id, subject: 'Rückruf', channel: 'phone', text: 'Bitte zurückrufen.' });
    await expectAppError(api.cases.addInteraction({ caseId: other.id, kind: 'reply', text: 'x' }), 'BAD_REQUEST', 'citizens.noEmail');
    expect(await interactionsOf(other.id)).toHaveLength(1);
  });

  it('reopen a resolved case when the citizen comes back; an internal note does not', async () => {
    const { id } = await citizenWithCase();
    await api.cases.update({ id, version: 1, status: 'resolved' });
    await api.cases.addInteraction({ caseId: id, kind: 'note', text: 'Erledigt vermerkt.' });
    expect((await caseRow(id)).status).toBe('resolved');
    await api.cases.addInteraction({ caseId: id, kind: 'phone', direction: 'inbound', text: 'Ruft erneut an.', durationSeconds: 60 });
    expect(await caseRow(id)).toMatchObject({ status: 'open', resolved_at: null });
  });

  it('link in both directions, and merge only within one citizen: timelines combine, the source redirects', async () => {
    const a = await citizenWithCase();
    const b = await api.cases.create({ citizenId: a.citizenId, subject: 'Nochmal die Laterne', channel: 'phone', text: 'Anruf zur Laterne.' });
    const c = await api.cases.create({ citizenId: a.citizenId, subject: 'Sperrmüll', channel: 'counter', text: 'Termin?' });
    await api.cases.link({ caseId: c.id, relatedCaseId: b.id });
    expect((await api.cases.byReference({ reference: b.reference })).links.map((l) => l.id)).toEqual([c.id]);
    await expectAppError(api.cases.link({ caseId: b.id, relatedCaseId: b.id }), 'BAD_REQUEST', 'input.invalid');

    const stranger = await citizenWithCase('dora@example.com');
    await expectAppError(api.cases.merge({ sourceId: stranger.id, targetId: a.id }), 'BAD_REQUEST', 'cases.differentCitizens');
    expect((await caseRow(stranger.id)).merged_into_id).toBeNull();

    const merged = await api.cases.merge({ sourceId: b.id, targetId: a.id });
    expect(merged).toEqual({ targetId: a.id, reference: a.reference, interactionsMoved: 1 });
    expect((await interactionsOf(a.id)).map((i) => i.text)).toEqual(['Die Laterne ist aus.', 'Anruf zur Laterne.']);
    expect(await caseRow(b.id)).toMatchObject({ merged_into_id: a.id, status: 'closed' });
    // The link moved with it, and the old reference leads to the combined case.
    const viaOld = await api.cases.byReference({ reference: b.reference });
    expect(viaOld).toMatchObject({ redirectedFrom: b.reference, case: { id: a.id } });
    expect(viaOld.links.map((l) => l.id)).toEqual([c.id]);
    expect(viaOld.mergedFrom).toEqual([{ id: b.id, reference: b.reference }]);
    const audit = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'case.merged').execute();
    expect(audit.map((event) => [event.entity_id, JSON.parse(event.details!)])).toEqual([[String(a.id), { sourceId: b.id, interactions: 1 }]]);
    await expectAppError(api.cases.merge({ sourceId: b.id, targetId: c.id }), 'CONFLICT', 'cases.merged');
  });
});

describe('the inbox', () => {
  it('pages through every case exactly once, in order, for each sort and direction, without merged cases', async () => {
    const { citizenId } = await citizenWithCase();
    for (const [subject, priority] of [['B', 'urgent'], ['C', 'low'], ['D', 'high'], ['E', 'normal']] as const) {
      await api.cases.create({ citizenId, subject: `Anliegen ${subject}`, channel: 'phone', text: 'x', priority });
    }
    const before = await database.db.selectFrom('cases').select('id').orderBy('id').execute();
    const mergedAway = before[before.length - 1]!;
    await api.cases.merge({ sourceId: mergedAway.id, targetId: before[0]!.id });
    // Read after the merge: it changed the target's activity time.
    const live = await database.db
      .selectFrom('cases')
      .select(['id', 'reference', 'created_at', 'updated_at', 'priority'])
      .where('merged_into_id', 'is', null)
      .execute();
    const rank = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

    for (const sort of ['updated', 'created', 'priority', 'reference'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { id: number }[]; nextCursor: string | null } = await api.cases.list({ view: 'all', sort, order, limit: 2, cursor });
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor);
        const keyOf = (row: (typeof live)[number]): [number | string, number] =>
          sort === 'priority'
            ? [rank[row.priority], row.id]
            : sort === 'reference'
              ? [row.reference, row.id]
              : [sort === 'updated' ? row.updated_at : row.created_at, row.id];
        const expected = [...live].sort((x, y) => {
          const [a, ai] = keyOf(x);
          const [b, bi] = keyOf(y);
          const byKey = a < b ? -1 : a > b ? 1 : ai - bi;
          return order === 'asc' ? byKey : -byKey;
        });
        expect(seen, `${sort} ${order}`).toEqual(expected.map((row) => row.id));
      }
    }
  });

  it('shows the views and filters it promises', async () => {
    const team = await database.db.insertInto('teams').values({ name: 'Ordnungsamt', email_address: null, created_at: 1, updated_at: 1 }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('team_memberships').values({ team_id: team.id, user_id: agent.id }).execute();
    const me = { ...agent, teams: [{ id: team.id, name: 'Ordnungsamt' }] };
    const mine = await citizenWithCase();
    const unassigned = await recordInboundContact(database.db, { id: null, ip: null }, { channel: 'webform', from: { email: 'ella@example.com' }, subject: 'Lärm', text: 'Laut.', teamId: team.id });
    const closed = await api.cases.create({ citizenId: mine.citizenId, subject: 'Alt', channel: 'counter', text: 'x' });
    await api.cases.update({ id: closed.id, version: 1, status: 'closed' });
    const list = (input: Parameters<typeof api.cases.list>[0]) => callerFor(database.db, me).cases.list(input).then((page) => page.items.map((item) => item.id).sort());

    expect(await list({ view: 'mine' })).toEqual([mine.id]);
    expect(await list({ view: 'team_unassigned' })).toEqual([unassigned.caseId]);
    expect(await list({ view: 'open' })).toEqual([mine.id, unassigned.caseId].sort());
    expect(await list({ view: 'all' })).toEqual([mine.id, unassigned.caseId, closed.id].sort());
    expect(await list({ view: 'all', status: 'closed' })).toEqual([closed.id]);
    expect(await list({ view: 'all', channel: 'webform' })).toEqual([unassigned.caseId]);
    expect(await list({ view: 'all', teamId: team.id })).toEqual([unassigned.caseId]);
    await expectAppError(api.cases.list({ view: 'all', cursor: 'nicht-gueltig' }), 'BAD_REQUEST', 'input.invalid');
  });
});

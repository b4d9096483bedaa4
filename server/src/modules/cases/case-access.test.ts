import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeAttachment } from '../../storage/attachment-store.js';
import { createApp } from '../../http/app.js';
import { liveHub, type LiveEvent } from '../live/live-hub.js';
import { createLogger } from '../../logger.js';
import { trpcErrorOf, formattedError } from '../../test/app-errors.js';
import { callerFor, insertTestUser, TEST_PASSWORD } from '../../test/callers.js';
import { insertTestTeam } from '../../test/fixtures.js';
import { HttpClient } from '../../test/http-client.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { addInteraction } from './interactions.service.js';
import { NO_ACTOR } from '../../domain/actor.js';

/**
 * CASE_ACCESS: Anna (agent, Ordnungsamt) and Lena (team lead, Ordnungsamt) against the four kinds of case they meet,
 * through every procedure that names, lists, searches or shows a case, in both modes. `all` lets everything through
 * (the default, unchanged); `team` lets through their team's cases, the general queue and what is assigned to them,
 * and answers everything else like an unknown case.
 */

const MODES = ['all', 'team'] as const;
type Mode = (typeof MODES)[number];
const KINDS = ['ownTeam', 'otherTeam', 'noTeam', 'assignedToAnna'] as const;
type Kind = (typeof KINDS)[number];
/** Lena leads the Ordnungsamt but is not Anna: the case assigned to Anna (in the Bürgerbüro) is not hers to open. */
const OPEN_IN_TEAM_MODE: Record<'anna' | 'lena', Record<Kind, boolean>> = {
  anna: { ownTeam: true, otherTeam: false, noTeam: true, assignedToAnna: true },
  lena: { ownTeam: true, otherTeam: false, noTeam: true, assignedToAnna: false },
};
const opens = (mode: Mode, who: 'anna' | 'lena', kind: Kind) => mode === 'all' || OPEN_IN_TEAM_MODE[who][kind];

const BERTA = 'berta.berg@example.com';

interface TestCase {
  id: number;
  reference: string;
  citizenId: number;
  /** A reply to Berta whose delivery failed, to retry. */
  failedReplyId: number;
}

let database: TestDatabase;
let ordnungsamt: number;
let buergerbuero: number;
let anna: SessionUser;
let lena: SessionUser;
let bruno: SessionUser;
let cases: Record<Kind, TestCase>;
/** A case of Anna's team to link and merge the others with. */
let spare: TestCase;

async function bertasCase(label: string, teamId: number | null): Promise<TestCase> {
  const mail = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: BERTA, name: 'Berta Berg' },
    teamId,
    subject: `Laterne ${label}-Betreff`,
    text: `Laterne ${label}-Nachricht`,
    externalMessageId: `<${label}@example.com>`,
  });
  // The other team's internal work, which team mode leaves out of Berta's history entirely.
  await addInteraction(
    database.db,
    { id: bruno.id, ip: null },
    { caseId: mail.caseId, kind: 'note', text: `${label}-Notiz`, direction: 'inbound' },
  );
  const failed = await database.db
    .insertInto('interactions')
    .values({
      case_id: mail.caseId,
      citizen_id: mail.citizenId,
      channel: 'email',
      direction: 'outbound',
      author_id: bruno.id,
      subject: `[${label}] Antwort`,
      text: `${label}-Antwort`,
      html_sanitized: null,
      occurred_at: Date.now(),
      duration_seconds: null,
      external_message_id: null,
      delivery_status: 'failed',
      metadata: JSON.stringify({ to: BERTA, attempts: 4 }),
      created_at: Date.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { reference } = await database.db
    .selectFrom('cases')
    .select('reference')
    .where('id', '=', mail.caseId)
    .executeTakeFirstOrThrow();
  return { id: mail.caseId, reference, citizenId: mail.citizenId, failedReplyId: failed.id };
}

beforeEach(async () => {
  database = await createTestDatabase();
  ordnungsamt = await insertTestTeam(database.db, 'Ordnungsamt');
  buergerbuero = await insertTestTeam(database.db, 'Bürgerbüro');
  anna = await insertTestUser(database.db, {
    email: 'anna@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Agentin',
    teamIds: [ordnungsamt],
  });
  lena = await insertTestUser(database.db, {
    email: 'lena@musterstadt.example',
    role: 'team_lead',
    displayName: 'Lena Leitung',
    teamIds: [ordnungsamt],
  });
  bruno = await insertTestUser(database.db, {
    email: 'bruno@musterstadt.example',
    role: 'agent',
    displayName: 'Bruno Buero',
    teamIds: [buergerbuero],
  });
  cases = {
    ownTeam: await bertasCase('ownTeam', ordnungsamt),
    otherTeam: await bertasCase('otherTeam', buergerbuero),
    noTeam: await bertasCase('noTeam', null),
    assignedToAnna: await bertasCase('assignedToAnna', buergerbuero),
  };
  await database.db.updateTable('cases').set({ assignee_id: anna.id }).where('id', '=', cases.assignedToAnna.id).execute();
  spare = await bertasCase('spare', ordnungsamt);
});
afterEach(async () => {
  await database.destroy();
});

const apiOf = (user: SessionUser, mode: Mode) => callerFor(database.db, user, { env: testEnv({ CASE_ACCESS: mode }) });
const versionOf = async (id: number) =>
  (await database.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1;
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const idsOf = (kinds: readonly Kind[]) => kinds.map((kind) => cases[kind].id);

/** Everything a refused call could have touched: it must leave all of it as it was (the audit log included). */
async function snapshot() {
  const count = async (table: 'audit_events' | 'notifications' | 'case_links') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await database.db.selectFrom('cases').selectAll().orderBy('id').execute(),
    interactions: await database.db.selectFrom('interactions').selectAll().orderBy('id').execute(),
    links: await count('case_links'),
    audit: await count('audit_events'),
    notifications: await count('notifications'),
  };
}

/** Runs `call` and checks the outcome: through, or refused exactly like an unknown case, changing nothing. */
async function expectOutcome(label: string, allowed: boolean, call: () => Promise<unknown>) {
  const before = await snapshot();
  if (allowed) {
    await expect(call(), label).resolves.toBeDefined();
    return;
  }
  const error = await trpcErrorOf(call());
  expect({ code: error.code, appCode: formattedError(error).data.appCode }, label).toEqual({
    code: 'NOT_FOUND',
    appCode: 'notFound',
  });
  expect(await snapshot(), `${label} changed nothing`).toEqual(before);
}

type Api = ReturnType<typeof apiOf>;
const UNKNOWN: TestCase = { id: 999_999, reference: 'A-1999-999999', citizenId: 999_999, failedReplyId: 999_999 };
/** Every procedure that names one case, as Anna would call it on `c`. */
const SINGLE_CASE: [string, (api: Api, c: TestCase) => Promise<unknown>][] = [
  ['cases.byReference', (api, c) => api.cases.byReference({ reference: c.reference })],
  ['cases.update', async (api, c) => api.cases.update({ id: c.id, version: await versionOf(c.id), priority: 'high' })],
  ['cases.addInteraction (reply)', (api, c) => api.cases.addInteraction({ caseId: c.id, kind: 'reply', text: 'Wir prüfen.' })],
  ['cases.addInteraction (note)', (api, c) => api.cases.addInteraction({ caseId: c.id, kind: 'note', text: 'Notiz.' })],
  ['cases.link', (api, c) => api.cases.link({ caseId: spare.id, relatedCaseId: c.id })],
  ['cases.unlink', (api, c) => api.cases.unlink({ caseId: c.id, relatedCaseId: spare.id })],
  ['cases.merge', (api, c) => api.cases.merge({ sourceId: c.id, targetId: spare.id })],
  ['cases.retryDelivery', (api, c) => api.cases.retryDelivery({ interactionId: c.failedReplyId })],
  [
    'intake.recordContact',
    (api, c) => api.intake.recordContact({ channel: 'phone', citizenId: c.citizenId, caseId: c.id, text: 'Rückruf erbeten.' }),
  ],
  ['live.presence', (api, c) => api.live.presence({ caseId: c.id })],
  ['live.setPresence', (api, c) => api.live.setPresence({ caseId: c.id, state: 'viewing' })],
];

describe.each(MODES)('CASE_ACCESS=%s', (mode) => {
  it.each(SINGLE_CASE)('%s lets an agent at the cases she may open, and no further', async (name, call) => {
    const api = apiOf(anna, mode);
    for (const kind of KINDS) await expectOutcome(`${name} on ${kind}`, opens(mode, 'anna', kind), () => call(api, cases[kind]));
    // Refused exactly like a case that does not exist: nothing tells the two apart.
    if (mode === 'team') await expectOutcome(`${name} on an unknown case`, false, () => call(api, UNKNOWN));
  });

  it.each([
    ['cases.addSenderToCitizen', (api: Api, interactionId: number) => api.cases.addSenderToCitizen({ interactionId })],
    ['cases.splitInteraction', (api: Api, interactionId: number) => api.cases.splitInteraction({ interactionId })],
  ] as const)('%s acts on a message from another address only in the cases she may open', async (name, call) => {
    const api = apiOf(anna, mode);
    for (const kind of KINDS) {
      // Someone else writes into the case: the message that the two actions are about.
      const stranger = await recordInboundContact(database.db, NO_ACTOR, {
        channel: 'email',
        from: { email: `fremd.${kind}@example.net` },
        caseId: cases[kind].id,
        authorIsSender: true,
        subject: 'Re: Laterne',
        text: `Fremd ${kind}`,
        metadata: { from: `fremd.${kind}@example.net` },
        externalMessageId: `<fremd.${kind}@example.net>`,
      });
      await expectOutcome(`${name} on ${kind}`, opens(mode, 'anna', kind), () => call(api, stranger.interactionId));
    }
    if (mode === 'team') await expectOutcome(`${name} on an unknown message`, false, () => call(api, 999_999));
  });

  it('workload.reassign lets a team lead move the cases she may open, also to another team, and refuses a batch with one she may not', async () => {
    const api = apiOf(lena, mode);
    const move = (kinds: Kind[]) =>
      api.workload.reassign({ caseIds: idsOf(kinds), assigneeId: null, teamId: buergerbuero, reason: 'Zuständigkeit' });
    await expectOutcome("reassign a batch with another team's case", mode === 'all', () => move(['ownTeam', 'otherTeam']));
    for (const kind of KINDS) await expectOutcome(`reassign ${kind}`, opens(mode, 'lena', kind), () => move([kind]));
    if (mode === 'team') {
      // The moves above took the Ordnungsamt's and the queue's cases to the Bürgerbüro: now Lena may open none of them.
      await expectOutcome('reassign after moving away', false, () => move(['ownTeam']));
    }
  });

  it('cases.list and search.run show the cases an agent may open, and no subject or text of others', async () => {
    const api = apiOf(anna, mode);
    const expected = sorted([...idsOf(KINDS.filter((kind) => opens(mode, 'anna', kind))), spare.id]);
    for (const view of ['all', 'open', 'team_unassigned', 'mine'] as const) {
      const page = await api.cases.list({ view });
      const shown = page.items.map((item) => item.id);
      expect(
        shown.every((id) => expected.includes(id)),
        view,
      ).toBe(true);
      if (view === 'all' || view === 'open') expect(sorted(shown), view).toEqual(expected);
    }
    for (const q of ['Laterne', BERTA, 'team:Bürgerbüro', 'Nachricht']) {
      const result = await api.search.run({ q });
      const found = result.cases.map((hit) => hit.id);
      expect(
        found.every((id) => expected.includes(id)),
        q,
      ).toBe(true);
      if (q !== 'team:Bürgerbüro') expect(sorted(found), q).toEqual(expected);
      if (mode === 'team') expect(JSON.stringify(result), q).not.toContain('otherTeam');
    }
  });

  it("citizens.panel and citizens.timeline show other teams' cases as stubs: date, channel, reference, team, status", async () => {
    const api = apiOf(anna, mode);
    const panel = await api.citizens.panel({ id: cases.ownTeam.citizenId });
    const timeline = await api.citizens.timeline({ citizenId: cases.ownTeam.citizenId });
    const other = cases.otherTeam.id;
    expect(sorted(panel.cases.map((c) => c.id))).toEqual(sorted([...idsOf(KINDS), spare.id]));
    const otherCase = panel.cases.find((c) => c.id === other)!;
    const otherEntries = timeline.items.filter((item) => item.caseId === other);
    if (mode === 'all') {
      expect(panel.cases.every((c) => !c.restricted)).toBe(true);
      expect(otherCase).toMatchObject({ subject: 'Laterne otherTeam-Betreff', teamName: 'Bürgerbüro' });
      expect(otherEntries.map((item) => item.restricted === false && item.text).sort()).toEqual([
        'Laterne otherTeam-Nachricht',
        'otherTeam-Antwort',
        'otherTeam-Notiz',
      ]);
      return;
    }
    expect(otherCase).toEqual({
      id: other,
      reference: cases.otherTeam.reference,
      status: 'open',
      originChannel: 'email',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      teamName: 'Bürgerbüro',
      restricted: true,
    });
    expect(panel.cases.filter((c) => c.restricted).map((c) => c.id)).toEqual([other]);
    // The mail and the reply as stubs; the Bürgerbüro's internal note not at all.
    expect(
      otherEntries.map(({ id: _id, occurredAt: _at, ...stub }) => stub).sort((a, b) => a.direction.localeCompare(b.direction)),
    ).toEqual([
      {
        restricted: true,
        caseId: other,
        caseReference: cases.otherTeam.reference,
        channel: 'email',
        direction: 'inbound',
        teamName: 'Bürgerbüro',
        caseStatus: 'open',
      },
      {
        restricted: true,
        caseId: other,
        caseReference: cases.otherTeam.reference,
        channel: 'email',
        direction: 'outbound',
        teamName: 'Bürgerbüro',
        caseStatus: 'open',
      },
    ]);
    // Everything else in full: the cases Anna may open, with their notes.
    const full = timeline.items.filter((item) => !item.restricted);
    expect(new Set(full.map((item) => item.caseId))).toEqual(
      new Set([...idsOf(['ownTeam', 'noTeam', 'assignedToAnna']), spare.id]),
    );
    expect(full.filter((item) => item.channel === 'note')).toHaveLength(4);
    for (const shown of [panel, timeline]) expect(JSON.stringify(shown)).not.toContain('otherTeam');
  });

  it("notifications.list names another team's case by reference only", async () => {
    await addInteraction(
      database.db,
      { id: bruno.id, ip: null },
      { caseId: cases.otherTeam.id, kind: 'note', text: '@Anna Agentin bitte einmal draufschauen', direction: 'inbound' },
    );
    const [notice] = (await apiOf(anna, mode).notifications.list()).items;
    expect(notice).toMatchObject({
      kind: 'mention',
      caseReference: cases.otherTeam.reference,
      teamName: 'Bürgerbüro',
      restricted: mode === 'team',
      caseSubject: mode === 'team' ? null : 'Laterne otherTeam-Betreff',
    });
  });

  it('cases.byReference names a linked case of another team by reference, status and team only', async () => {
    await apiOf(bruno, 'all').cases.link({ caseId: cases.ownTeam.id, relatedCaseId: cases.otherTeam.id });
    const detail = await apiOf(anna, mode).cases.byReference({ reference: cases.ownTeam.reference });
    expect(detail.links).toEqual([
      mode === 'team'
        ? {
            id: cases.otherTeam.id,
            reference: cases.otherTeam.reference,
            status: 'open',
            teamName: 'Bürgerbüro',
            restricted: true,
          }
        : {
            id: cases.otherTeam.id,
            reference: cases.otherTeam.reference,
            status: 'open',
            teamName: 'Bürgerbüro',
            restricted: false,
            subject: 'Laterne otherTeam-Betreff',
          },
    ]);
  });

  it('a quick capture that routing sends to another team is recorded, and says whether the agent may open it', async () => {
    const admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
    await callerFor(database.db, admin).routingRules.create({ kind: 'keyword', value: 'Sperrmüll', teamId: buergerbuero });
    const api = apiOf(anna, mode);
    const captured = await api.intake.recordContact({
      channel: 'phone',
      citizenId: cases.ownTeam.citizenId,
      subject: 'Sperrmüll abholen',
      text: 'Wann kommt die Abholung?',
    });
    expect(captured).toMatchObject({ createdCase: true, teamName: 'Bürgerbüro', accessible: mode === 'all' });
    expect(captured.reference).toMatch(/^A-\d{4}-\d{6}$/);
    await expectOutcome('open the captured case', mode === 'all', () => api.cases.byReference({ reference: captured.reference }));
  });

  it('an agent may move a case to another team; afterwards she may open it only in `all` mode', async () => {
    const api = apiOf(anna, mode);
    const moved = await api.cases.update({
      id: cases.ownTeam.id,
      version: await versionOf(cases.ownTeam.id),
      teamId: buergerbuero,
    });
    expect(moved.accessible).toBe(mode === 'all');
    await expectOutcome('open the moved case', mode === 'all', () =>
      api.cases.byReference({ reference: cases.ownTeam.reference }),
    );
  });

  // Issue 14 item 16: the assignment would otherwise be a way into another team's case.
  it('cases.update gives a case only to someone who may open it without the assignment', async () => {
    const api = apiOf(anna, mode);
    const update = async (c: TestCase, fields: { assigneeId: number; teamId?: number }) =>
      api.cases.update({ id: c.id, version: await versionOf(c.id), ...fields });
    // Bruno works in the Bürgerbüro; the case is the Ordnungsamt's.
    const before = await snapshot();
    if (mode === 'team') {
      const error = await trpcErrorOf(update(cases.ownTeam, { assigneeId: bruno.id }));
      expect({ code: error.code, appCode: formattedError(error).data.appCode }).toEqual({
        code: 'BAD_REQUEST',
        appCode: 'cases.assigneeOutsideTeam',
      });
      expect(await snapshot()).toEqual(before);
    } else {
      await expect(update(cases.ownTeam, { assigneeId: bruno.id })).resolves.toMatchObject({ accessible: true });
    }
    // The general queue is everyone's; a case moved to Bruno's team in the same save is his.
    await expect(update(cases.noTeam, { assigneeId: bruno.id })).resolves.toMatchObject({ accessible: true });
    await expect(update(spare, { assigneeId: bruno.id, teamId: buergerbuero })).resolves.toMatchObject({
      accessible: mode === 'all',
    });
  });

  // Issue 14 item 16: presence (who looks at or writes in which case) reached every caseworker.
  it('live.events brings an agent presence only on the cases she may open', async () => {
    const stream = await apiOf(anna, mode).live.events();
    const received: LiveEvent[] = [];
    const reading = (async () => {
      for await (const event of stream) {
        // Anna's own notification comes last: everything before it has been delivered or left out.
        if (event.kind === 'notification') break;
        received.push(event);
      }
    })();
    // Whoever may open each case announces themselves there: Lena the Ordnungsamt's, Bruno the others.
    const present: Record<Kind, SessionUser> = { ownTeam: lena, otherTeam: bruno, noTeam: bruno, assignedToAnna: bruno };
    // The subscription is listening once a first event arrives (tRPC starts it lazily).
    for (let i = 0; i < 100 && received.length === 0; i++) {
      liveHub(database.db).publish({ kind: 'cases', caseIds: [spare.id] });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const kind of KINDS) {
      await apiOf(present[kind], 'team').live.setPresence({ caseId: cases[kind].id, state: 'viewing' });
    }
    liveHub(database.db).publish({ kind: 'notification', userId: anna.id });
    await reading;
    const presence = received.flatMap((event) => (event.kind === 'presence' ? [event.caseId] : []));
    expect(presence).toEqual(idsOf(KINDS.filter((kind) => opens(mode, 'anna', kind))));
  });
});

describe('live events with CASE_ACCESS=team', () => {
  it("carry ids only: a change to another team's case reaches no subject or text", async () => {
    const received: LiveEvent[] = [];
    const controller = new AbortController();
    const listening = (async () => {
      for await (const event of liveHub(database.db).events(controller.signal)) received.push(event);
    })();
    const brunoApi = apiOf(bruno, 'team');
    await brunoApi.cases.update({
      id: cases.otherTeam.id,
      version: await versionOf(cases.otherTeam.id),
      subject: 'Geheimer Betreff',
    });
    await brunoApi.cases.addInteraction({ caseId: cases.otherTeam.id, kind: 'note', text: 'Geheime Notiz' });
    for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await listening;
    expect(received).toEqual([
      { kind: 'cases', caseIds: [cases.otherTeam.id] },
      { kind: 'cases', caseIds: [cases.otherTeam.id] },
    ]);
    // What Anna's browser then refetches is refused.
    await expectOutcome('refetch', false, () => apiOf(anna, 'team').cases.byReference({ reference: cases.otherTeam.reference }));
  });
});

describe('attachment downloads with CASE_ACCESS', () => {
  let server: Server;
  let dir: string;

  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(MODES)("%s: an agent downloads files of the cases she may open; another team's are not found", async (mode) => {
    dir = mkdtempSync(join(tmpdir(), 'anliegen-case-access-'));
    const fileOf = async (kind: Kind) => {
      const sha256 = await storeAttachment(dir, Buffer.from(`Foto ${kind}`));
      const mail = await recordInboundContact(database.db, NO_ACTOR, {
        channel: 'email',
        from: { email: BERTA },
        caseId: cases[kind].id,
        subject: 'Foto',
        text: 'Anbei.',
        attachments: [{ filename: 'foto.jpg', contentType: 'image/jpeg', sizeBytes: 10, sha256 }],
      });
      return (
        await database.db
          .selectFrom('attachments')
          .select('id')
          .where('interaction_id', '=', mail.interactionId)
          .executeTakeFirstOrThrow()
      ).id;
    };
    const files = { own: await fileOf('ownTeam'), other: await fileOf('otherTeam') };
    server = createApp({
      db: database.db,
      env: testEnv({ ATTACHMENTS_DIR: dir, CASE_ACCESS: mode }),
      log: createLogger('silent'),
      isReady: () => true,
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const client = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await client.logIn(anna.email, TEST_PASSWORD);
    expect((await client.request(`/attachments/${files.own}`)).status).toBe(200);
    const other = await client.request(`/attachments/${files.other}`);
    expect(other.status).toBe(mode === 'all' ? 200 : 404);
    if (mode === 'team') expect(await other.json()).toEqual({ error: { message: 'Attachment not found', appCode: 'notFound' } });
    const downloads = await database.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'attachment.downloaded')
      .orderBy('id')
      .execute();
    expect(downloads.map((row) => Number(row.entity_id))).toEqual(mode === 'all' ? [files.own, files.other] : [files.own]);
  });
});

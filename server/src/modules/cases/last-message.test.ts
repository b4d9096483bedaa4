import { MESSAGE_PREVIEW_MAX } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_ACTOR } from '../../domain/actor.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { anonymiseCases } from '../privacy/anonymise.js';

/**
 * Issue 17: the inbox (and search results) show the first line of each case's last message and how long the citizen
 * has been waiting for an answer, read with one query per page.
 */
let database: TestDatabase;
let agent: SessionUser;
let api: ReturnType<typeof callerFor>;
let teamId: number;
const HOUR = 3_600_000;
const T0 = Date.now() - 48 * HOUR;

beforeEach(async () => {
  database = await createTestDatabase();
  const admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
  teamId = (await callerFor(database.db, admin).teams.create({ name: 'Ordnungsamt', emailAddress: '' })).id;
  agent = await insertTestUser(database.db, {
    email: 'anna.agentin@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Agentin',
    teamIds: [teamId],
  });
  api = callerFor(database.db, agent);
});
afterEach(async () => {
  await database.destroy();
});

/** A citizen's mail: opens a case, or joins the given one. */
async function mail(text: string, occurredAt: number, caseId: number | null = null) {
  const stored = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: 'carla@example.com', name: 'Carla Berg' },
    subject: 'Laterne defekt',
    text,
    occurredAt,
    caseId,
    teamId,
  });
  return stored.caseId;
}

/** Moves a case's newest interaction to a given time (the API stamps them with the clock). */
async function stampNewest(caseId: number, occurredAt: number) {
  const newest = await database.db
    .selectFrom('interactions')
    .select('id')
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  await database.db.updateTable('interactions').set({ occurred_at: occurredAt }).where('id', '=', newest.id).execute();
}

async function listed(caseId: number) {
  const { items } = await api.cases.list({ view: 'all' });
  const row = items.find((item) => item.id === caseId);
  if (!row) throw new Error(`case ${caseId} not listed`);
  return { lastMessage: row.lastMessage, waitingSince: row.waitingSince };
}

describe('the last message and the waiting time in case lists', () => {
  it('shows the newest message’s first line; the citizen waits since their unanswered message, not after an answer', async () => {
    const caseId = await mail('Sehr geehrte Damen und Herren,\n\ndie Laterne vor Nr. 4 ist seit Tagen aus.\nGruß', T0);
    expect(await listed(caseId)).toEqual({
      lastMessage: { preview: 'die Laterne vor Nr. 4 ist seit Tagen aus.', channel: 'email', direction: 'inbound', at: T0 },
      waitingSince: T0,
    });

    await api.cases.addInteraction({ caseId, kind: 'reply', text: 'Guten Tag Frau Berg,\nwir kümmern uns darum.' });
    await stampNewest(caseId, T0 + HOUR);
    expect(await listed(caseId)).toEqual({
      lastMessage: { preview: 'wir kümmern uns darum.', channel: 'email', direction: 'outbound', at: T0 + HOUR },
      waitingSince: null,
    });

    // An internal note is no message: the reply stays the last word.
    await api.cases.addInteraction({ caseId, kind: 'note', text: 'Bauhof informiert.' });
    await stampNewest(caseId, T0 + 2 * HOUR);
    expect((await listed(caseId)).lastMessage?.preview).toBe('wir kümmern uns darum.');

    // The citizen writes again: the quoted answer is not their first line, a long line is cut at a word.
    const long = `Leider ist die Laterne ${'immer noch und weiterhin '.repeat(10)}aus.`;
    await mail(`${long}\n\nAm 05.12.2026 schrieb Stadt:\n> wir kümmern uns darum.`, T0 + 3 * HOUR, caseId);
    const again = await listed(caseId);
    expect(again.waitingSince).toBe(T0 + 3 * HOUR);
    expect(again.lastMessage?.direction).toBe('inbound');
    expect(again.lastMessage?.preview?.length).toBeLessThanOrEqual(MESSAGE_PREVIEW_MAX);
    expect(again.lastMessage?.preview).toMatch(/^Leider ist die Laterne immer noch .*…$/);
  });

  it('does not count the desk’s automatic mails as an answer, and breaks a tie in time by the later message', async () => {
    const caseId = await mail('Bitte um Rückruf.', T0);
    // An acknowledgment as the channels queue it: outbound, written by nobody.
    await database.db
      .insertInto('interactions')
      .values({
        case_id: caseId,
        citizen_id: (
          await database.db.selectFrom('cases').select('citizen_id').where('id', '=', caseId).executeTakeFirstOrThrow()
        ).citizen_id,
        channel: 'email',
        direction: 'outbound',
        author_id: null,
        subject: 'Eingangsbestätigung',
        text: 'Ihre Nachricht ist eingegangen.',
        html_sanitized: null,
        occurred_at: T0 + HOUR,
        duration_seconds: null,
        external_message_id: null,
        delivery_status: 'pending',
        metadata: JSON.stringify({ to: 'carla@example.com', automatic: true }),
        created_at: T0 + HOUR,
      })
      .execute();
    expect(await listed(caseId)).toMatchObject({ lastMessage: { preview: 'Bitte um Rückruf.' }, waitingSince: T0 });

    // A second mail at the very same millisecond: the one stored later is the newer.
    await mail('Nachtrag: nur vormittags.', T0, caseId);
    expect((await listed(caseId)).lastMessage?.preview).toBe('Nachtrag: nur vormittags.');
  });

  it('has nobody waiting on a finished case, and shows nothing of an anonymised one', async () => {
    const resolved = await mail('Danke, hat sich erledigt.', T0);
    const { version } = await database.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', resolved)
      .executeTakeFirstOrThrow();
    await api.cases.update({ id: resolved, version, status: 'resolved' });
    expect(await listed(resolved)).toMatchObject({ lastMessage: { preview: 'Danke, hat sich erledigt.' }, waitingSince: null });

    const erased = await mail('Meine Adresse ist Lindenweg 4.', T0);
    await database.db.transaction().execute((trx) => anonymiseCases(trx, [erased], Date.now()));
    expect(await listed(erased)).toEqual({ lastMessage: null, waitingSince: null });
  });

  it('gives search results the same', async () => {
    const first = await mail('Die Laterne flackert.', T0);
    const second = await mail('Die Laterne ist ganz aus.', T0 + HOUR);
    await api.cases.addInteraction({ caseId: second, kind: 'reply', text: 'Wird repariert.' });
    const { cases } = await api.search.run({ q: 'Laterne' });
    const byId = new Map(cases.map((row) => [row.id, row]));
    expect(byId.get(first)).toMatchObject({ lastMessage: { preview: 'Die Laterne flackert.' }, waitingSince: T0 });
    expect(byId.get(second)).toMatchObject({
      lastMessage: { preview: 'Wird repariert.', direction: 'outbound' },
      waitingSince: null,
    });
  });
});

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_ACTOR } from '../../domain/actor.js';
import { expectAppError, trpcErrorOf } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { type LiveEvent, liveHub } from '../live/live-hub.js';

/**
 * "In neuen Fall verschieben" (issue 16): one message of a case becomes a case of its own, the other half of merging.
 * Times are Berlin's; the team works 8:00–16:00 on weekdays (the default calendar).
 */
const at = (iso: string) => Date.parse(iso);
/** A Monday: Berta's second mail raises a new matter. */
const MONDAY_9 = at('2027-01-11T09:00:00+01:00');
/** The day after: Anna splits it off. */
const TUESDAY_10 = at('2027-01-12T10:00:00+01:00');

let database: TestDatabase;
let teamId: number;
let otherTeamId: number;
let categoryId: number;
let anna: SessionUser;
let api: ReturnType<typeof callerFor>;
let citizenId: number;

beforeEach(async () => {
  database = await createTestDatabase();
  teamId = await insertTestTeam(database.db, 'Bürgeramt');
  otherTeamId = await insertTestTeam(database.db, 'Tiefbauamt');
  categoryId = (
    await database.db
      .insertInto('categories')
      .values({ name: 'Straßen', default_team_id: otherTeamId, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  anna = await insertTestUser(database.db, {
    email: 'anna@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Agentin',
    teamIds: [teamId, otherTeamId],
  });
  api = callerFor(database.db, anna);
  citizenId = await insertTestCitizen(database.db, 'Berg', 'Berta');
  await database.db
    .insertInto('contact_points')
    .values({
      citizen_id: citizenId,
      kind: 'email',
      value: 'berta@example.com',
      normalized: 'berta@example.com',
      is_primary: 1,
      created_at: 1,
    })
    .execute();
  await database.db
    .insertInto('sla_policies')
    .values({ priority: 'normal', category_id: null, first_response_minutes: 120, resolution_minutes: 960, created_at: 1 })
    .execute();
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

const caseRow = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const messagesOf = (caseId: number) =>
  database.db
    .selectFrom('interactions')
    .select(['id', 'channel', 'direction', 'metadata', 'text'])
    .where('case_id', '=', caseId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();

/** Berta's mail, on a new case or onto hers. */
async function mail(text: string, options: { caseId?: number; occurredAt?: number; attachment?: boolean } = {}) {
  return recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    citizenId,
    caseId: options.caseId ?? null,
    from: { email: 'berta@example.com' },
    subject: options.caseId ? 'Re: Wohngeld' : 'Wohngeld',
    text,
    teamId,
    occurredAt: options.occurredAt,
    attachments: options.attachment
      ? [{ filename: 'foto.jpg', contentType: 'image/jpeg', sizeBytes: 1234, sha256: 'a'.repeat(64) }]
      : [],
  });
}

/** Berta's case about housing benefit, answered by Anna; her second mail is about a pothole (with a photo). */
async function bertasCase() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2027-01-08T09:00:00+01:00'));
  const first = await mail('Mein Antrag auf Wohngeld.');
  vi.setSystemTime(at('2027-01-08T10:00:00+01:00'));
  await api.cases.addInteraction({ caseId: first.caseId, kind: 'reply', text: 'Wir prüfen das.' });
  vi.setSystemTime(MONDAY_9);
  const second = await mail('Außerdem: In der Lindenstraße ist ein Schlagloch.', { caseId: first.caseId, attachment: true });
  vi.setSystemTime(TUESDAY_10);
  return { caseId: first.caseId, messageId: second.interactionId };
}

const splitInput = async (interactionId: number, caseId: number) => ({
  interactionId,
  caseVersion: (await caseRow(caseId)).version,
  subject: 'Schlagloch in der Lindenstraße',
  teamId: null,
  categoryId,
});

describe('moving a message into a new case', () => {
  it('opens a case of the same citizen with the message and its photo, its own reference and SLA from the message’s time', async () => {
    const { caseId, messageId } = await bertasCase();
    const before = await caseRow(caseId);
    const created = await api.cases.splitMessage(await splitInput(messageId, caseId));

    expect(created.reference).not.toBe(before.reference);
    const row = await caseRow(created.caseId);
    expect(row).toMatchObject({
      citizen_id: citizenId,
      subject: 'Schlagloch in der Lindenstraße',
      category_id: categoryId,
      // No team chosen: the category's default team, as for any new case.
      team_id: otherTeamId,
      status: 'new',
      origin_channel: 'email',
      created_at: MONDAY_9,
      first_response_at: null,
      contact_count: 1,
      // Two business hours after Monday 9:00; sixteen: Monday 9–16, Tuesday 8–16, Wednesday 8–9.
      first_response_due_at: at('2027-01-11T11:00:00+01:00'),
      resolution_due_at: at('2027-01-13T09:00:00+01:00'),
    });
    // The photo went with its message.
    const photo = await database.db.selectFrom('attachments').select('interaction_id').executeTakeFirstOrThrow();
    expect(photo.interaction_id).toBe(messageId);
    expect((await messagesOf(created.caseId)).map((m) => m.id)).toContain(messageId);
    expect((await messagesOf(caseId)).map((m) => m.id)).not.toContain(messageId);

    // Linked, both ways (one row, read from either side).
    const detail = await api.cases.byReference({ reference: created.reference });
    expect(detail.links.map((link) => link.reference)).toEqual([before.reference]);
    const old = await api.cases.byReference({ reference: before.reference });
    expect(old.links.map((link) => link.reference)).toEqual([created.reference]);
    // Both timelines say what happened.
    expect(old.timeline.at(-1)).toMatchObject({ channel: 'note', details: { splitTo: created.reference } });
    expect(detail.timeline.at(-1)).toMatchObject({ channel: 'note', details: { splitFrom: before.reference } });
  });

  it('leaves the old case’s first response, status and SLA as they were, recounts its contacts, and bumps its version', async () => {
    const { caseId, messageId } = await bertasCase();
    const before = await caseRow(caseId);
    expect(before.first_response_at).not.toBeNull();
    expect(before.contact_count).toBe(2);
    await api.cases.splitMessage(await splitInput(messageId, caseId));
    const after = await caseRow(caseId);
    expect(after).toMatchObject({
      status: before.status,
      first_response_at: before.first_response_at,
      first_response_minutes: before.first_response_minutes,
      first_response_due_at: before.first_response_due_at,
      resolution_due_at: before.resolution_due_at,
      created_at: before.created_at,
      contact_count: 1,
      return_channel: null,
      version: before.version + 1,
    });
  });

  it('is audited on both cases and tells everyone watching either of them', async () => {
    const { caseId, messageId } = await bertasCase();
    vi.useRealTimers();
    const told: LiveEvent[] = [];
    const controller = new AbortController();
    const listening = (async () => {
      for await (const event of liveHub(database.db).events(controller.signal)) told.push(event);
    })();
    const created = await api.cases.splitMessage(await splitInput(messageId, caseId));
    await vi.waitFor(() => expect(told.some((event) => event.kind === 'cases')).toBe(true));
    controller.abort();
    await listening;
    // One event after the commit: both cases changed, and Berta has a new case.
    expect(told).toEqual([{ kind: 'cases', caseIds: expect.arrayContaining([caseId, created.caseId]), citizenIds: [citizenId] }]);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'details', 'actor_id'])
      .where('action', 'in', ['interaction.split', 'case.splitFrom'])
      .orderBy('id')
      .execute();
    expect(audit.map((event) => ({ ...event, details: JSON.parse(event.details ?? '{}') }))).toEqual([
      {
        action: 'interaction.split',
        entity_id: String(caseId),
        actor_id: anna.id,
        details: { interactionId: messageId, newCaseId: created.caseId, citizenId },
      },
      {
        action: 'case.splitFrom',
        entity_id: String(created.caseId),
        actor_id: anna.id,
        details: { interactionId: messageId, sourceCaseId: caseId },
      },
    ]);
  });

  it('moves an internal note too, and keeps the team the agent chose', async () => {
    const { caseId } = await bertasCase();
    const note = await api.cases.addInteraction({ caseId, kind: 'note', text: 'Rückruf wegen Parkausweis vereinbart.' });
    const created = await api.cases.splitMessage({
      ...(await splitInput(note.id, caseId)),
      subject: 'Parkausweis',
      teamId,
      categoryId: null,
    });
    expect(await caseRow(created.caseId)).toMatchObject({ team_id: teamId, origin_channel: 'email', contact_count: 0 });
    expect((await messagesOf(created.caseId)).map((m) => m.id)).toContain(note.id);
  });
});

describe('refusing a split', () => {
  it('keeps the citizen’s last message in its case', async () => {
    const first = await mail('Mein Antrag auf Wohngeld.');
    await api.cases.addInteraction({ caseId: first.caseId, kind: 'note', text: 'Unterlagen angefordert.' });
    await expectAppError(
      api.cases.splitMessage(await splitInput(first.interactionId, first.caseId)),
      'BAD_REQUEST',
      'interactions.onlyMessage',
    );
  });

  it('keeps answers to the citizen where they were given', async () => {
    const { caseId } = await bertasCase();
    const reply = await api.cases.addInteraction({ caseId, kind: 'reply', text: 'Wir kümmern uns.' });
    await expectAppError(api.cases.splitMessage(await splitInput(reply.id, caseId)), 'BAD_REQUEST', 'cases.splitOutbound');
  });

  it('keeps a closed case’s messages', async () => {
    const { caseId, messageId } = await bertasCase();
    await api.cases.update({ id: caseId, version: (await caseRow(caseId)).version, status: 'closed' });
    await expectAppError(api.cases.splitMessage(await splitInput(messageId, caseId)), 'BAD_REQUEST', 'cases.splitClosed');
  });

  it('refuses a split based on a version someone else changed meanwhile, and changes nothing', async () => {
    const { caseId, messageId } = await bertasCase();
    const stale = await splitInput(messageId, caseId);
    await api.cases.update({ id: caseId, version: stale.caseVersion, priority: 'high' });
    await expectAppError(api.cases.splitMessage(stale), 'CONFLICT', 'conflict.staleVersion');
    expect((await messagesOf(caseId)).map((m) => m.id)).toContain(messageId);
    expect(await database.db.selectFrom('cases').select('id').execute()).toHaveLength(1);
  });

  it('lets only one of two splits from the same version through', async () => {
    const { caseId, messageId } = await bertasCase();
    const third = await mail('Und noch etwas: der Müll.', { caseId });
    const version = (await caseRow(caseId)).version;
    const results = await Promise.allSettled([
      api.cases.splitMessage({ ...(await splitInput(messageId, caseId)), caseVersion: version }),
      api.cases.splitMessage({ ...(await splitInput(third.interactionId, caseId)), caseVersion: version }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect((await trpcErrorOf(Promise.reject(refused!.reason))).code).toBe('CONFLICT');
  });

  it('answers "not found" for an unknown message', async () => {
    await expectAppError(
      api.cases.splitMessage({ interactionId: 999_999, caseVersion: 1, subject: 'Etwas', teamId: null, categoryId: null }),
      'NOT_FOUND',
      'notFound',
    );
  });
});

describe('any sequence of splits', () => {
  it('never leaves a case without its citizen’s last message, and keeps every message and the contact counts', async () => {
    type Kind = 'email' | 'phone' | 'note' | 'reply';
    const kinds = fc.constantFrom<Kind>('email', 'phone', 'note', 'reply');
    await fc.assert(
      fc.asyncProperty(
        fc.array(kinds, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(20), { maxLength: 4 }),
        async (rest, picks) => {
          const first = await mail('Erste Nachricht.');
          for (const kind of rest) {
            if (kind === 'email') await mail('Noch eine Nachricht.', { caseId: first.caseId });
            else if (kind === 'phone')
              await api.cases.addInteraction({ caseId: first.caseId, kind: 'phone', text: 'Anruf.', direction: 'inbound' });
            else await api.cases.addInteraction({ caseId: first.caseId, kind, text: 'Text.' });
          }
          const ids = (await messagesOf(first.caseId)).map((m) => m.id);
          const ours = [first.caseId];
          for (const pick of picks) {
            const id = ids[pick % ids.length]!;
            const row = await database.db
              .selectFrom('interactions')
              .select('case_id')
              .where('id', '=', id)
              .executeTakeFirstOrThrow();
            const error = await api.cases.splitMessage({ ...(await splitInput(id, row.case_id)), teamId, categoryId: null }).then(
              (created) => void ours.push(created.caseId),
              (e: unknown) => e,
            );
            if (error) expect((await trpcErrorOf(Promise.reject(error))).code).toBe('BAD_REQUEST');
          }
          const cases = await database.db.selectFrom('cases').select(['id', 'contact_count']).where('id', 'in', ours).execute();
          for (const c of cases) {
            const messages = await messagesOf(c.id);
            const citizens = messages.filter((m) => m.direction === 'inbound' && m.channel !== 'note');
            expect(c.contact_count).toBe(citizens.length);
            // The case the messages came from keeps one of the citizen's; a split-off case has its message (or note).
            if (c.id === first.caseId) expect(citizens.length).toBeGreaterThan(0);
            expect(messages.filter((m) => !m.metadata?.includes('"split')).length).toBeGreaterThan(0);
            // Answers never move.
            if (c.id !== first.caseId) expect(messages.some((m) => m.direction === 'outbound')).toBe(false);
          }
          const all = await database.db.selectFrom('interactions').select('id').where('id', 'in', ids).execute();
          expect(all).toHaveLength(ids.length);
        },
      ),
      { numRuns: 12 },
    );
  });
});

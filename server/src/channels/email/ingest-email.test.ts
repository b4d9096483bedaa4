import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMail } from './parse-mail.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertTestUser } from '../../test/callers.js';
import { testEnv } from '../../test/test-env.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { addInteraction } from '../../modules/cases/interactions.service.js';
import { ANONYMISED, anonymiseCases } from '../../modules/privacy/anonymise.js';
import { caseForToken } from '../webform/webform.service.js';
import { ingestEmail } from './ingest-email.js';

/** Where status links in acknowledgments point: the test environment's address. */
const PUBLIC_URL = testEnv().publicUrl;

const DESK = 'ordnungsamt@musterstadt.example';
let database: TestDatabase;
let agent: SessionUser;
let attachmentsDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-ingest-'));
});
afterEach(async () => {
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

/** A citizen's mail as the SMTP listener and the IMAP poller hand it over: parsed, with the envelope's recipients. */
async function receive(headers: Record<string, string>, text: string) {
  const raw = [
    'From: Berta Berg <berta@example.com>',
    `To: ${DESK}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
  ].join('\r\n');
  const result = await ingestEmail(database.db, { attachmentsDir, publicUrl: PUBLIC_URL }, await parseMail(Buffer.from(raw)), {
    recipients: [DESK],
  });
  if (result.status !== 'stored') throw new Error(`mail was ${result.status}`);
  return result;
}

const caseRow = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const interactionsOf = (caseId: number) =>
  database.db.selectFrom('interactions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/**
 * Berta's mail, our answer to it (sent with a Message-ID of its own), the case closed: the state an old
 * conversation is in when retention anonymises it. Returns the case and the Message-ID Berta will answer.
 */
async function oldConversation(anonymise: boolean) {
  const first = await receive({ Subject: 'Lärm', 'Message-ID': '<laerm.1@example.com>' }, 'Nachts laut.');
  const reply = await addInteraction(
    database.db,
    { id: agent.id, ip: null },
    { caseId: first.caseId, kind: 'reply', text: 'Wir prüfen das.', direction: 'inbound' },
  );
  await database.db
    .updateTable('interactions')
    .set({ delivery_status: 'sent', external_message_id: '<anliegen.reply@musterstadt.example>' })
    .where('id', '=', reply.id)
    .execute();
  await database.db
    .updateTable('cases')
    .set({ status: 'closed', resolved_at: Date.now(), closed_at: Date.now() })
    .where('id', '=', first.caseId)
    .execute();
  if (anonymise) await database.db.transaction().execute((trx) => anonymiseCases(trx, [first.caseId], Date.now()));
  const row = await caseRow(first.caseId);
  return { caseId: first.caseId, reference: row.reference, before: { row, interactions: await interactionsOf(first.caseId) } };
}

const answer = (reference: string) => ({
  Subject: `Re: [${reference}] Lärm`,
  'In-Reply-To': '<anliegen.reply@musterstadt.example>',
  References: '<laerm.1@example.com> <anliegen.reply@musterstadt.example>',
});

describe('mail threading and anonymised cases', () => {
  it('threads an answer to our reply into its case while the case is not anonymised (and reopens it)', async () => {
    const old = await oldConversation(false);
    const result = await receive(answer(old.reference), 'Es ist wieder laut.');
    expect(result).toMatchObject({ caseId: old.caseId, createdCase: false });
    expect((await caseRow(old.caseId)).status).toBe('open');
  });

  it('opens a new case for an answer to a mail of an anonymised case, and leaves that case as it was', async () => {
    const old = await oldConversation(true);
    expect(old.before.row.subject).toBe(ANONYMISED);
    const result = await receive(answer(old.reference), 'Es ist wieder laut.');
    expect(result.createdCase).toBe(true);
    expect(result.caseId).not.toBe(old.caseId);
    // No acknowledgment: the old case's, within the hour, holds it back (one automatic mail per address and hour).
    expect(await interactionsOf(result.caseId)).toMatchObject([
      { channel: 'email', direction: 'inbound', text: 'Es ist wieder laut.' },
    ]);
    expect(await caseRow(old.caseId)).toEqual(old.before.row);
    expect(await interactionsOf(old.caseId)).toEqual(old.before.interactions);
  });

  it('does not reopen an anonymised case by the reference in the subject either: the mail opens a new case', async () => {
    const old = await oldConversation(true);
    const result = await receive({ Subject: `Nachtrag [${old.reference}]`, 'Message-ID': '<nachtrag@example.com>' }, 'Ein Foto.');
    expect(result.createdCase).toBe(true);
    expect(result.caseId).not.toBe(old.caseId);
    expect(await caseRow(old.caseId)).toEqual(old.before.row);
    expect(await interactionsOf(old.caseId)).toEqual(old.before.interactions);
    // Berta's next answer to the new case's mail threads there, not back to the anonymised one.
    const again = await receive(
      { Subject: `Re: Nachtrag [${old.reference}]`, 'In-Reply-To': '<nachtrag@example.com>' },
      'Und noch eins.',
    );
    expect(again).toMatchObject({ caseId: result.caseId, createdCase: false });
  });

  it('does not follow a merged case into an anonymised one', async () => {
    const old = await oldConversation(true);
    const other = await receive({ Subject: 'Parken', 'Message-ID': '<parken@example.com>' }, 'Falschparker.');
    // The later case was merged into the (now anonymised) old one: its reference leads there.
    await database.db
      .updateTable('cases')
      .set({ merged_into_id: old.caseId, status: 'closed' })
      .where('id', '=', other.caseId)
      .execute();
    const { reference } = await caseRow(other.caseId);
    const result = await receive({ Subject: `Re: [${reference}] Parken` }, 'Schon wieder.');
    expect(result.createdCase).toBe(true);
    expect(await interactionsOf(old.caseId)).toEqual(old.before.interactions);
  });
});

describe('the acknowledgment of a new case', () => {
  const acknowledgments = () =>
    database.db
      .selectFrom('interactions')
      .selectAll()
      .where('direction', '=', 'outbound')
      .where('delivery_status', '=', 'pending')
      .orderBy('id')
      .execute();

  it('goes to the sender of a mail that opens a case, with the reference and a status link that shows the case', async () => {
    const first = await receive({ Subject: 'Sperrmüll', 'Message-ID': '<sperr.1@example.com>' }, 'Wann wird abgeholt?');
    const { reference } = await caseRow(first.caseId);
    const [ack, ...more] = await acknowledgments();
    expect(more).toEqual([]);
    expect(ack).toMatchObject({ case_id: first.caseId, citizen_id: first.citizenId, channel: 'email' });
    expect(JSON.parse(ack!.metadata!)).toEqual({ to: 'berta@example.com', automatic: true, contentFree: true });
    expect(ack!.subject).toBe(`[${reference}] Ihr Anliegen ist eingegangen`);
    const link = new RegExp(`${PUBLIC_URL}/anliegen/status/([\\w-]+)`).exec(ack!.text)?.[1];
    expect(ack!.text).toContain(reference);
    expect((await caseForToken(database.db, link!))?.reference).toBe(reference);
  });

  it('is not sent again for an answer in the same case, nor for a redelivered mail', async () => {
    const first = await receive({ Subject: 'Sperrmüll', 'Message-ID': '<sperr.1@example.com>' }, 'Wann wird abgeholt?');
    await receive({ Subject: 'Sperrmüll', 'Message-ID': '<sperr.1@example.com>' }, 'Wann wird abgeholt?');
    const answer = await receive({ Subject: 'Re: Sperrmüll', 'In-Reply-To': '<sperr.1@example.com>' }, 'Und wo?');
    expect(answer).toMatchObject({ caseId: first.caseId, createdCase: false });
    expect(await acknowledgments()).toHaveLength(1);
  });
});

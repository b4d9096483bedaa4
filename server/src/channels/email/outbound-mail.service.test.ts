import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { addInteraction } from '../../modules/cases/interactions.service.js';
import { recordInboundContact } from '../../modules/intake/intake.service.js';
import { insertTestUser } from '../../test/callers.js';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { retryFailedReply } from '../../modules/cases/interactions.service.js';
import { RETRY_DELAYS_MS, sendDueReplies } from './outbound-mail.service.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { type LiveEvent, liveHub } from '../../modules/live/live-hub.js';

let database: TestDatabase;
let sink: SmtpSink;
const log = createLogger('silent');
const FROM = 'Bürgerservice Musterstadt <buergerservice@musterstadt.example>';
const ATTACHMENTS = '/nonexistent';
/** What every run of the outbound worker here is given besides its transport. */
const MAIL = { from: FROM, log, attachmentsDir: ATTACHMENTS, publicUrl: 'http://localhost:3000' };

beforeEach(async () => {
  database = await createTestDatabase();
  sink = await startSmtpSink();
});
afterEach(async () => {
  await sink.close();
  await database.destroy();
});

/** A citizen wrote an email; an agent replied in Anliegen. Returns what the reply should thread under. */
async function citizenMailAndReply() {
  const agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
  const inbound = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: 'Berta.Berg@example.com', name: 'Berta Berg' },
    subject: 'Sperrmüll abholen',
    text: 'Wann wird der Sperrmüll abgeholt?',
    externalMessageId: '<first.123@example.com>',
  });
  const reply = await addInteraction(
    database.db,
    { id: agent.id, ip: null },
    {
      caseId: inbound.caseId,
      kind: 'reply',
      text: 'Am Dienstag.',
      direction: 'inbound',
    },
  );
  const reference = (
    await database.db.selectFrom('cases').select('reference').where('id', '=', inbound.caseId).executeTakeFirstOrThrow()
  ).reference;
  return { reply, reference };
}

const transport = () => nodemailer.createTransport(sink.url);
const interaction = (id: number) =>
  database.db.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('outgoing replies', () => {
  it('tell open case pages when a reply went out or failed, so "wird gesendet" does not wait for a reload', async () => {
    const { reply } = await citizenMailAndReply();
    const caseId = (await interaction(reply.id)).case_id;
    const seen: LiveEvent[] = [];
    const controller = new AbortController();
    const listening = (async () => {
      for await (const event of liveHub(database.db).events(controller.signal)) seen.push(event);
    })();
    await sendDueReplies(database.db, { transport: transport(), ...MAIL });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await listening;
    expect(seen).toEqual([{ kind: 'cases', caseIds: [caseId] }]);
  });

  it('go out by SMTP to the citizen, threaded under their mail, with the case reference in the subject', async () => {
    const { reply, reference } = await citizenMailAndReply();
    expect((await interaction(reply.id)).delivery_status).toBe('pending');

    expect(await sendDueReplies(database.db, { transport: transport(), ...MAIL })).toBe(1);

    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('berta.berg@example.com');
    expect(mail.from?.text).toContain('buergerservice@musterstadt.example');
    expect(mail.subject).toBe(`[${reference}] Sperrmüll abholen`);
    expect(mail.text?.trim()).toBe('Am Dienstag.');
    expect(mail.inReplyTo).toBe('<first.123@example.com>');
    expect(mail.references).toContain('<first.123@example.com>');
    const stored = await interaction(reply.id);
    expect(stored.delivery_status).toBe('sent');
    expect(stored.external_message_id).toBe(mail.messageId);
    expect(stored.external_message_id).toMatch(/@musterstadt\.example>$/);

    // Nothing is sent twice.
    expect(await sendDueReplies(database.db, { transport: transport(), ...MAIL })).toBe(0);
    expect(sink.messages).toHaveLength(1);
  });

  it('are retried after a relay failure, not before the retry is due', async () => {
    const { reply } = await citizenMailAndReply();
    let now = Date.now();
    const run = () => sendDueReplies(database.db, { transport: transport(), ...MAIL, now: () => now });

    sink.rejectNext(1);
    expect(await run()).toBe(0);
    const state = await interaction(reply.id);
    expect(state.delivery_status).toBe('pending');
    expect(JSON.parse(state.metadata!)).toMatchObject({ attempts: 1, nextAttemptAt: now + RETRY_DELAYS_MS[0] });
    // Not before it is due.
    expect(await run()).toBe(0);
    now += RETRY_DELAYS_MS[0];
    expect(await run()).toBe(1);
    expect((await interaction(reply.id)).delivery_status).toBe('sent');
    expect(sink.messages).toHaveLength(1);
  });

  it('gives up after the last retry and shows the failure; a manual retry sends it', async () => {
    const { reply } = await citizenMailAndReply();
    let now = Date.now();
    const run = () => sendDueReplies(database.db, { transport: transport(), ...MAIL, now: () => now });
    sink.rejectNext(RETRY_DELAYS_MS.length + 1);
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      await run();
      now += RETRY_DELAYS_MS[attempt] ?? 0;
    }
    const failed = await interaction(reply.id);
    expect(failed.delivery_status).toBe('failed');
    expect(JSON.parse(failed.metadata!)).toMatchObject({
      attempts: RETRY_DELAYS_MS.length + 1,
      lastError: expect.stringContaining('Try again later'),
    });
    expect(sink.messages).toHaveLength(0);

    expect(await retryFailedReply(database.db, reply.id)).toBe(true);
    expect(await run()).toBe(1);
    expect(sink.messages).toHaveLength(1);
  });

  it('are sent once even when two workers run at the same time', async () => {
    const { reply } = await citizenMailAndReply();
    const results = await Promise.all([
      sendDueReplies(database.db, { transport: transport(), ...MAIL }),
      sendDueReplies(database.db, { transport: transport(), ...MAIL }),
    ]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect(sink.messages).toHaveLength(1);
    expect((await interaction(reply.id)).delivery_status).toBe('sent');
  });
});

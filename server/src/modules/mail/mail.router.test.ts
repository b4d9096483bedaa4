import type { Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS, sendDueReplies } from '../../channels/email/outbound-mail.service.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { createLogger } from '../../logger.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { explainQuery } from '../../test/query-plans.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { addInteraction } from '../cases/interactions.service.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { mailNotOut, outgoingMailStatus } from './mail.service.js';

let database: TestDatabase;
let agent: SessionUser;
let admin: SessionUser;
beforeEach(async () => {
  database = await createTestDatabase();
  agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
});
afterEach(async () => {
  await database.destroy();
});

const HOUR = 3_600_000;
const WITHOUT_SMTP = testEnv();
const WITH_SMTP = testEnv({ SMTP_URL: 'smtp://relay.musterstadt.example:587' });

/** A citizen's mail and an agent's reply to it (queued for the outbound mail worker). */
async function reply(text = 'Am Dienstag.') {
  const inbound = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: 'berta.berg@example.com', name: 'Berta Berg' },
    subject: 'Sperrmüll abholen',
    text: 'Wann wird der Sperrmüll abgeholt?',
    externalMessageId: `<${text.length}.${Math.random()}@example.com>`,
  });
  return addInteraction(
    database.db,
    { id: agent.id, ip: null },
    { caseId: inbound.caseId, kind: 'reply', text, direction: 'inbound' },
  );
}

const refusingRelay: Pick<Transporter, 'sendMail'> = {
  sendMail: async () => {
    throw new Error('421 4.3.0 Try again later');
  },
};

describe('mail.status', () => {
  it('says that mail is not configured without SMTP_URL, and how many replies wait for it', async () => {
    await reply();
    await reply('Am Mittwoch.');
    const status = await callerFor(database.db, agent, { env: WITHOUT_SMTP }).mail.status();
    // Counts and an age only: no address, no text.
    expect(status).toEqual({ configured: false, state: 'notConfigured', waiting: 2, failed: 0, oldestMinutes: 0 });
    expect(await callerFor(database.db, admin, { env: WITHOUT_SMTP }).mail.status()).toEqual(status);
  });

  it('is ok with a relay while replies go out, and failing once the worker gave up on one', async () => {
    const env = { env: WITH_SMTP };
    expect(await callerFor(database.db, admin, env).mail.status()).toEqual({
      configured: true,
      state: 'ok',
      waiting: 0,
      failed: 0,
      oldestMinutes: null,
    });
    const { id } = await reply();
    expect(await callerFor(database.db, admin, env).mail.status()).toMatchObject({ state: 'ok', waiting: 1 });

    // The relay refuses every attempt: after the last retry the mail is failed.
    const written = Date.now();
    let now = written;
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      await sendDueReplies(database.db, {
        transport: refusingRelay,
        from: 'rathaus@musterstadt.example',
        log: createLogger('silent'),
        attachmentsDir: '/nonexistent',
        publicUrl: 'http://localhost:3000',
        now: () => now,
      });
      now += RETRY_DELAYS_MS[attempt] ?? 0;
    }
    const mail = await database.db
      .selectFrom('interactions')
      .select('delivery_status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(mail.delivery_status).toBe('failed');
    expect(await outgoingMailStatus(database.db, true, written + 2 * HOUR)).toEqual({
      configured: true,
      state: 'failing',
      waiting: 0,
      failed: 1,
      oldestMinutes: 120,
    });
    // A week on, the failure no longer counts as today's trouble (its case still shows it).
    expect(await outgoingMailStatus(database.db, true, written + 8 * 24 * HOUR)).toMatchObject({ state: 'ok', failed: 0 });
  });

  it('is failing when a reply waits longer than a quarter of an hour although a relay is configured', async () => {
    await reply();
    const written = Date.now();
    expect(await outgoingMailStatus(database.db, true, written + 10 * 60_000)).toMatchObject({ state: 'ok', waiting: 1 });
    expect(await outgoingMailStatus(database.db, true, written + 20 * 60_000)).toMatchObject({
      state: 'failing',
      waiting: 1,
      oldestMinutes: 20,
    });
  });

  // PostgreSQL weighs a table this small by its statistics (a sequential scan is cheapest); SQLite decides by the
  // index's predicate, which the query must repeat literally.
  it.skipIf(process.env.TEST_DIALECT === 'postgres')(
    'reads the mails that are not out through their index, not every interaction',
    async () => {
      const plan = await explainQuery(database.db, mailNotOut(database.db, Date.now()).compile());
      expect(plan).toContain('interactions_mail_queue_idx');
      expect(plan).not.toMatch(/^SCAN interactions$/m);
    },
  );
});

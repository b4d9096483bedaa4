import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMail } from './parse-mail.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv } from '../../test/test-env.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { type PreparedMail, prepareEmail, storeMails } from './ingest-email.js';
import { createMailQueue } from './mail-queue.js';

/** Where status links in acknowledgments point: the test environment's address. */
const PUBLIC_URL = testEnv().publicUrl;

const DESK = 'ordnungsamt@musterstadt.example';
let database: TestDatabase;
let attachmentsDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-batch-'));
});
afterEach(async () => {
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

async function prepared(from: string, messageId: string, headers: Record<string, string> = {}): Promise<PreparedMail> {
  const raw = [
    `From: ${from}`,
    `To: ${DESK}`,
    `Message-ID: ${messageId}`,
    `Subject: Anliegen ${messageId}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    `Text von ${messageId}`,
  ].join('\r\n');
  return prepareEmail({ attachmentsDir }, await parseMail(Buffer.from(raw)), { recipients: [DESK] });
}

const citizensWithEmail = (email: string) =>
  database.db
    .selectFrom('contact_points')
    .select('citizen_id')
    .where('kind', '=', 'email')
    .where('normalized', '=', email)
    .execute();
const inboundCount = async () =>
  Number(
    (
      await database.db
        .selectFrom('interactions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('direction', '=', 'inbound')
        .executeTakeFirstOrThrow()
    ).n,
  );

function stored(outcome: Awaited<ReturnType<typeof storeMails>>[number] | undefined) {
  if (!outcome?.ok || outcome.result.status !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome.result;
}

describe('mails stored together in one transaction', () => {
  it('see each other: one citizen for a new sender, a reply on the case of a mail in the same batch, a redelivery stored once', async () => {
    const first = await prepared('Berta Berg <berta@example.com>', '<b1@example.com>');
    const outcomes = await storeMails(database.db, { publicUrl: PUBLIC_URL }, [
      first,
      await prepared('Berta Berg <berta@example.com>', '<b2@example.com>'),
      await prepared('Berta Berg <berta@example.com>', '<b3@example.com>', { 'In-Reply-To': '<b1@example.com>' }),
      await prepared('Berta Berg <berta@example.com>', '<b1@example.com>'),
    ]);
    const [one, two, reply, again] = outcomes.map(stored);
    expect(one!.createdCitizen).toBe(true);
    expect(two!.createdCitizen).toBe(false);
    expect(two!.citizenId).toBe(one!.citizenId);
    expect(two!.createdCase).toBe(true);
    expect(reply!.caseId).toBe(one!.caseId);
    expect(reply!.createdCase).toBe(false);
    expect(again).toMatchObject({ duplicate: true, interactionId: one!.interactionId, caseId: one!.caseId });
    expect(await citizensWithEmail('berta@example.com')).toHaveLength(1);
    expect(await inboundCount()).toBe(3);
  });

  it('roll back a mail that fails on its own, with everything it wrote, and commit the others', async () => {
    const broken = await prepared('Carl Clausen <carl@example.com>', '<c1@example.com>');
    // Fails at the interaction insert (text is required), after the new citizen and case were written.
    broken.contact.text = null as unknown as string;
    const outcomes = await storeMails(database.db, { publicUrl: PUBLIC_URL }, [
      await prepared('Berta Berg <berta@example.com>', '<b1@example.com>'),
      broken,
      await prepared('Dora Dahl <dora@example.com>', '<d1@example.com>'),
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(await citizensWithEmail('carl@example.com')).toHaveLength(0);
    expect(await citizensWithEmail('berta@example.com')).toHaveLength(1);
    expect(await citizensWithEmail('dora@example.com')).toHaveLength(1);
    const cases = await database.db.selectFrom('cases').select('subject').execute();
    expect(cases.map((row) => row.subject).sort()).toEqual(['Anliegen <b1@example.com>', 'Anliegen <d1@example.com>']);
  });
});

describe('the SMTP listener’s mail queue', () => {
  it('stores mails handed over at once, each settling with its own outcome', async () => {
    const queue = createMailQueue(database.db, { publicUrl: PUBLIC_URL });
    const good = await Promise.all(
      Array.from({ length: 20 }, (_, i) => prepared(`Person ${i} <p${i}@example.com>`, `<p${i}@example.com>`)),
    );
    const broken = await prepared('Carl Clausen <carl@example.com>', '<c1@example.com>');
    broken.contact.text = null as unknown as string;
    const settled = await Promise.allSettled([...good.slice(0, 10), broken, ...good.slice(10)].map(queue.store));
    expect(settled.map((result) => result.status)).toEqual([
      ...Array(10).fill('fulfilled'),
      'rejected',
      ...Array(10).fill('fulfilled'),
    ]);
    const caseIds = settled.flatMap((result) =>
      result.status === 'fulfilled' && result.value.status === 'stored' ? [result.value.caseId] : [],
    );
    expect(new Set(caseIds).size).toBe(20);
    expect(await inboundCount()).toBe(20);
  });
});

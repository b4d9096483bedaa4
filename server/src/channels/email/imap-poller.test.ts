import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { hasDovecot, startDovecot, type TestImapServer } from '../../test/dovecot.js';
import { testEnv } from '../../test/test-env.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { pollMailbox } from './imap-poller.js';

/** Where status links in acknowledgments point: the test environment's address. */
const PUBLIC_URL = testEnv().publicUrl;

let imap: TestImapServer;
let database: TestDatabase;
let attachmentsDir: string;
let mailbox: string;
const log = createLogger('silent');

// Debian's dovecot-imapd, installed by scripts/install-deps.sh --test.
describe.skipIf(!hasDovecot)('polling an existing mailbox over IMAP (Dovecot)', () => {
  beforeAll(async () => {
    imap = await startDovecot();
  });
  afterAll(async () => {
    await imap?.stop();
  });
  beforeEach(async () => {
    database = await createTestDatabase();
    attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-imap-'));
    // A fresh user (and so a fresh mailbox) per test.
    mailbox = `rathaus${Math.random().toString(36).slice(2, 8)}`;
  });
  afterEach(async () => {
    await database.destroy();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });

  /** A connection to this test's mailbox, as the town's mail server (or a person's mail program) would open it. */
  async function withMailbox<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const port = Number(new URL(imap.url(mailbox)).port);
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: mailbox, pass: imap.password },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  }

  async function unseenCount() {
    const status = await withMailbox((client) => client.status('INBOX', { unseen: true }));
    if (!status) throw new Error('no mailbox status');
    return status.unseen;
  }

  /** Puts a message into the mailbox, as the town's mail server would; returns how many are unread. */
  async function deliver(raw: string) {
    await withMailbox((client) => client.append('INBOX', raw.replace(/\n/g, '\r\n')));
    return unseenCount();
  }

  const poll = (maxBytes = 1024 * 1024) =>
    pollMailbox(database.db, { url: imap.url(mailbox), attachmentsDir, publicUrl: PUBLIC_URL, maxBytes, log });

  it('stores unread mail, marks it read only afterwards, and takes each mail once', async () => {
    expect(
      await deliver(
        'From: Dora Dorn <dora@example.com>\nTo: buergerbuero@musterstadt.example\nSubject: Meldebescheinigung\nMessage-ID: <imap.1@example.com>\n\nIch brauche eine Meldebescheinigung.\n',
      ),
    ).toBe(1);
    expect(
      await deliver(
        'From: dora@example.com\nTo: buergerbuero@musterstadt.example\nSubject: Re: Meldebescheinigung\nMessage-ID: <imap.2@example.com>\nIn-Reply-To: <imap.1@example.com>\n\nNoch eine Frage.\n',
      ),
    ).toBe(2);

    expect(await poll()).toEqual({ stored: 2, duplicates: 0, failed: 0 });
    expect(await unseenCount()).toBe(0);
    const interactions = await database.db
      .selectFrom('interactions')
      .selectAll()
      .where('direction', '=', 'inbound')
      .orderBy('id')
      .execute();
    expect(interactions.map((i) => i.external_message_id)).toEqual(['<imap.1@example.com>', '<imap.2@example.com>']);
    // Threading works the same as for SMTP mail: both in one case.
    expect(new Set(interactions.map((i) => i.case_id)).size).toBe(1);

    expect(await poll()).toEqual({ stored: 0, duplicates: 0, failed: 0 });
    expect(await database.db.selectFrom('interactions').select('id').where('direction', '=', 'inbound').execute()).toHaveLength(
      2,
    );
  });

  it('keeps an auto-reply (nothing accepted is dropped), never acknowledges it, and marks it read', async () => {
    await deliver(
      'Return-Path: <>\nFrom: dora@example.com\nTo: buergerbuero@musterstadt.example\nSubject: Abwesend\nAuto-Submitted: auto-replied\nMessage-ID: <imap.auto@example.com>\n\nBin im Urlaub.\n',
    );
    expect(await poll()).toEqual({ stored: 1, duplicates: 0, failed: 0 });
    expect(await unseenCount()).toBe(0);
    const [stored] = await database.db.selectFrom('interactions').selectAll().execute();
    expect(JSON.parse(stored!.metadata!)).toMatchObject({ from: 'dora@example.com', machine: 'auto-reply' });
    expect(stored!.raw_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await database.db.selectFrom('interactions').where('direction', '=', 'outbound').select('id').execute()).toEqual([]);
  });

  it('leaves mail over the size limit in the mailbox and stores nothing', async () => {
    await deliver(
      `From: dora@example.com\nTo: buergerbuero@musterstadt.example\nSubject: Groß\nMessage-ID: <imap.big@example.com>\n\n${'x'.repeat(4000)}\n`,
    );
    expect(await poll(1024)).toEqual({ stored: 0, duplicates: 0, failed: 1 });
    expect(await database.db.selectFrom('interactions').select('id').execute()).toHaveLength(0);
  });

  it('keeps a mail unread when storing it fails, so the next poll retries it', async () => {
    await deliver(
      'From: dora@example.com\nTo: buergerbuero@musterstadt.example\nSubject: Später\nMessage-ID: <imap.retry@example.com>\n\nBitte melden.\n',
    );
    // Storing fails (the database is gone), as during a database outage.
    const broken = await createTestDatabase();
    await broken.destroy();
    const failed = await pollMailbox(broken.db, {
      url: imap.url(mailbox),
      attachmentsDir,
      publicUrl: PUBLIC_URL,
      maxBytes: 1024 * 1024,
      log,
    });
    expect(failed).toEqual({ stored: 0, duplicates: 0, failed: 1 });
    expect(await unseenCount()).toBe(1);
    expect(await poll()).toEqual({ stored: 1, duplicates: 0, failed: 0 });
    expect(await unseenCount()).toBe(0);
  });
});

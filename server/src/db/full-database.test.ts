import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parseMail } from '../channels/email/parse-mail.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareEmail, storeMails } from '../channels/email/ingest-email.js';
import { createTestDatabase, fillDatabase, type TestDatabase } from '../test/test-db.js';
import { testEnv } from '../test/test-env.js';

/**
 * A full disk must be reported as what it is. SQLite rolls the whole transaction back by itself on SQLITE_FULL; the
 * ROLLBACK that followed failed ("cannot rollback - no transaction is active") and that error replaced the real one
 * (1,488 times in one incident's log). Simulated with `max_page_count`: SQLite then answers SQLITE_FULL exactly as it
 * does when the disk is full. PostgreSQL gets its disk-full error (53100) from a trigger.
 */
let database: TestDatabase;
let attachmentsDir: string;
beforeEach(async () => {
  database = await createTestDatabase();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-full-'));
});
afterEach(async () => {
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

const FULL = () => (database.dialect === 'sqlite' ? 'SQLITE_FULL' : '53100');

/** Text that needs pages of its own (SQLite keeps at most about a page of a row in place). */
const longText = () => Array.from({ length: 800 }, () => randomBytes(4).toString('hex')).join(' ');

describe('a full database', () => {
  it('fails a transaction with the database’s own error, not with a failed rollback', async () => {
    await fillDatabase(database, ['interactions', 'teams']);
    const attempt = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('teams').values({ name: longText(), email_address: null, created_at: 1, updated_at: 1 }).execute();
    });
    await expect(attempt).rejects.toMatchObject({ code: FULL() });
    // The connection is usable afterwards (no transaction left open).
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows[0]!.one).toBe(1);
  });

  it('reports every mail of a batch as failed with that error, and stores none of them', async () => {
    await fillDatabase(database, ['interactions', 'teams']);
    const mails = await Promise.all(
      ['anna', 'bert'].map(async (name) =>
        prepareEmail(
          { attachmentsDir },
          await parseMail(
            Buffer.from(
              [
                `From: ${name}@example.com`,
                'To: amt@musterstadt.example',
                `Message-ID: <${name}@example.com>`,
                'Subject: Voll',
                '',
                longText(),
              ].join('\r\n'),
            ),
          ),
          { recipients: ['amt@musterstadt.example'] },
        ),
      ),
    );
    for (const batch of [mails, mails.slice(0, 1)]) {
      const outcomes = await storeMails(database.db, { publicUrl: testEnv().publicUrl }, batch);
      expect(outcomes.map((outcome) => (outcome.ok ? 'stored' : (outcome.error as { code?: string }).code))).toEqual(
        batch.map(() => FULL()),
      );
    }
    expect(await database.db.selectFrom('cases').selectAll().execute()).toEqual([]);
  });
});

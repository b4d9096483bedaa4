import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import { ingestEmail } from './ingest-email.js';
import { parseMail } from './parse-mail.js';
import { reparseMail } from './reparse-mail.service.js';

const DESK = 'ordnungsamt@musterstadt.example';
let database: TestDatabase;
let attachmentsDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-reparse-'));
});
afterEach(async () => {
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

const deps = () => ({ attachmentsDir, publicUrl: testEnv().publicUrl });

async function receive(raw: string) {
  const source = Buffer.from(raw.replace(/\n/g, '\r\n'));
  return ingestEmail(database.db, deps(), await parseMail(source), { recipients: [DESK], mailFrom: 'berta@example.com' }, source);
}

const message = () =>
  database.db.selectFrom('interactions').selectAll().where('direction', '=', 'inbound').executeTakeFirstOrThrow();

describe('pnpm mail:reparse: the stored original is read again after a parser fix', () => {
  it('repairs what an older parser stored (text, HTML, attachments) and leaves case, citizen and Message-ID alone', async () => {
    const stored = await receive(
      [
        'From: Berta Berg <berta@example.com>',
        `To: ${DESK}`,
        'Subject: Laterne',
        'Message-ID: <reparse.1@example.com>',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Die Straßenlaterne flackert.',
        '--m',
        'Content-Type: image/png',
        'Content-Disposition: attachment; filename="foto.png"',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgo=',
        '--m--',
        '',
      ].join('\n'),
    );
    const good = await message();
    // What a defective parser once made of it: no text, a lost attachment, a wrong sender name.
    await database.db
      .updateTable('interactions')
      .set({ text: '(leer)', metadata: JSON.stringify({ from: 'berta@example.com', fromName: 'Berta B�rg' }) })
      .where('id', '=', good.id)
      .execute();
    await database.db.deleteFrom('attachments').execute();

    const since = Date.now() - 60_000;
    expect(await reparseMail(database.db, { attachmentsDir }, { since })).toEqual({ checked: 1, changed: 1, missing: 0 });
    const repaired = await message();
    expect(repaired).toMatchObject({
      text: 'Die Straßenlaterne flackert.',
      case_id: stored.caseId,
      citizen_id: stored.citizenId,
      external_message_id: '<reparse.1@example.com>',
    });
    expect(JSON.parse(repaired.metadata!)).toEqual({ from: 'berta@example.com', fromName: 'Berta Berg' });
    const files = await database.db.selectFrom('attachments').select(['filename', 'interaction_id']).execute();
    expect(files).toEqual([{ filename: 'foto.png', interaction_id: good.id }]);

    // A second run finds nothing to change, and mails outside the range are not read.
    expect(await reparseMail(database.db, { attachmentsDir }, { since })).toEqual({ checked: 1, changed: 0, missing: 0 });
    expect(await reparseMail(database.db, { attachmentsDir }, { since: Date.now() + 60_000 })).toEqual({
      checked: 0,
      changed: 0,
      missing: 0,
    });
    const audit = await database.db.selectFrom('audit_events').select('action').where('action', '=', 'mail.reparsed').execute();
    expect(audit).toHaveLength(3);
  });

  it('counts a mail whose original is gone from the store, and changes nothing of it', async () => {
    await receive(`From: berta@example.com\nTo: ${DESK}\nSubject: Weg\nMessage-ID: <gone@example.com>\n\nText.\n`);
    rmSync(attachmentsDir, { recursive: true, force: true });
    expect(await reparseMail(database.db, { attachmentsDir }, { since: 0 })).toEqual({ checked: 1, changed: 0, missing: 1 });
    expect((await message()).text).toBe('Text.');
  });
});

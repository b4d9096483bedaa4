import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { confirmReceipt, REMOVED_STATUS_LINK, sentCopiesWithLink } from '../channels/webform/status-link.js';
import { caseForToken } from '../channels/webform/webform.service.js';
import { NO_ACTOR } from '../domain/actor.js';
import { createLogger } from '../logger.js';
import { LOGIN_FAILURES_KEPT_MS } from '../modules/auth/sessions.service.js';
import { recordInboundContact } from '../modules/intake/intake.service.js';
import { eraseCitizen } from '../modules/privacy/export.service.js';
import { attachmentPath, storeAttachment } from '../storage/attachment-store.js';
import { ORPHAN_MIN_AGE_MS, sweepOrphanedFiles } from '../storage/file-sweep.js';
import { referencedFiles } from '../modules/privacy/anonymise.js';
import { insertTestUser } from '../test/callers.js';
import { insertTestCase, insertTestCitizen } from '../test/fixtures.js';
import { explainQuery } from '../test/query-plans.js';
import { createTestDatabase, secondProcessHandle, type SecondHandle, type TestDatabase } from '../test/test-db.js';
import { sweepAttachmentStore } from './file-sweep.job.js';
import { startPeriodic } from './periodic.js';
import { cleanUpExpired } from './session-cleanup.job.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A moment on a whole second, so file times (set in seconds) compare exactly. */
const NOW = Math.floor(Date.now() / 1000) * 1000;
const LINK_DAYS = 14;

let database: TestDatabase;
let second: SecondHandle;
let store: string;
let userId: number;
let caseId: number;
let citizenId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  second = await secondProcessHandle(database);
  userId = (await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' })).id;
  citizenId = await insertTestCitizen(database.db, 'Berg', 'Berta');
  caseId = await insertTestCase(database.db, { citizen_id: citizenId, reference: 'BS-2026-00001' });
});
afterAll(async () => {
  await second.close();
  await database.destroy();
});
beforeEach(async () => {
  store = await mkdtemp(join(tmpdir(), 'anliegen-housekeeping-'));
});
afterEach(async () => {
  await rm(store, { recursive: true, force: true });
});

/** Offsets in ms around a threshold: at it, just before, just after, and further away. */
const offsets = fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 });

async function emptyTables() {
  const db = database.db;
  for (const table of [
    'sessions',
    'login_throttles',
    'used_form_tokens',
    'automatic_mail_throttle',
    'attachments',
    'reply_uploads',
  ] as const)
    await db.deleteFrom(table).execute();
  await db.deleteFrom('interactions').execute();
}

/** An outgoing mail on the test case. */
async function outgoingMail(fields: { text: string; occurredAt: number; status: string; authorId?: number | null }) {
  const row = await database.db
    .insertInto('interactions')
    .values({
      case_id: caseId,
      citizen_id: citizenId,
      channel: 'email',
      direction: 'outbound',
      author_id: fields.authorId ?? null,
      subject: 'Bestätigung',
      text: fields.text,
      html_sanitized: null,
      occurred_at: fields.occurredAt,
      duration_seconds: null,
      external_message_id: null,
      delivery_status: fields.status,
      metadata: JSON.stringify({ to: 'berta@example.com', automatic: true }),
      created_at: fields.occurredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const linkText = (token: string) =>
  `Den Stand sehen Sie jederzeit hier:\nhttps://anliegen.musterstadt.example/anliegen/status/${token}\n\nAutomatisch.`;

describe('the hourly clean-up of what has expired', () => {
  it('removes exactly what has expired, at the threshold included, and counts it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          sessions: offsets,
          locks: offsets,
          failures: offsets,
          formTokens: offsets,
          mailThrottles: offsets,
          links: offsets,
        }),
        async (ages) => {
          await emptyTables();
          const db = database.db;
          // Each row's offset from its threshold, in ms: not above it is due (form tokens: below it).
          for (const [i, d] of ages.sessions.entries())
            await db
              .insertInto('sessions')
              .values({ id: `s${i}`, user_id: userId, csrf_token: `c${i}`, created_at: 0, last_seen_at: 0, expires_at: NOW + d })
              .execute();
          for (const [i, d] of ages.locks.entries())
            await db
              .insertInto('login_throttles')
              .values({ key: `lock${i}@example.com`, failures: 5, locked_until: NOW + d, updated_at: NOW })
              .execute();
          for (const [i, d] of ages.failures.entries())
            await db
              .insertInto('login_throttles')
              .values({
                key: `fail${i}@example.com`,
                failures: 2,
                locked_until: null,
                updated_at: NOW - LOGIN_FAILURES_KEPT_MS + d,
              })
              .execute();
          for (const [i, d] of ages.formTokens.entries())
            await db
              .insertInto('used_form_tokens')
              .values({ token_hash: `t${i}`, expires_at: NOW + d })
              .execute();
          for (const [i, d] of ages.mailThrottles.entries())
            await db
              .insertInto('automatic_mail_throttle')
              .values({ address: `a${i}@example.com`, last_sent_at: NOW - HOUR + d })
              .execute();
          const links = [];
          for (const [i, d] of ages.links.entries())
            links.push({
              id: await outgoingMail({ text: linkText(`Token${i}_x-Y`), occurredAt: NOW - LINK_DAYS * DAY + d, status: 'sent' }),
              d,
            });
          // Never touched: links in mails not sent yet or failed (sent again with them), and agents' replies.
          const kept = [
            await outgoingMail({ text: linkText('Wartet'), occurredAt: 0, status: 'pending' }),
            await outgoingMail({ text: linkText('Fehler'), occurredAt: 0, status: 'failed' }),
            await outgoingMail({ text: linkText('Agentin'), occurredAt: 0, status: 'sent', authorId: userId }),
          ];

          const due = (list: number[], strict = false) => list.filter((d) => (strict ? d < 0 : d <= 0)).length;
          const result = await cleanUpExpired(db, NOW, { confirmationLinkDays: LINK_DAYS });
          expect(result.counts).toEqual({
            sessions: due(ages.sessions),
            loginThrottles: due(ages.locks) + due(ages.failures),
            formTokens: due(ages.formTokens, true),
            mailThrottles: due(ages.mailThrottles),
            confirmationLinks: due(ages.links),
          });
          const left = async <T>(rows: Promise<T[]>) => (await rows).length;
          expect(await left(db.selectFrom('sessions').select('id').where('expires_at', '<=', NOW).execute())).toBe(0);
          expect(await left(db.selectFrom('sessions').select('id').execute())).toBe(ages.sessions.length - due(ages.sessions));
          expect(await left(db.selectFrom('login_throttles').select('key').execute())).toBe(
            ages.locks.length + ages.failures.length - due(ages.locks) - due(ages.failures),
          );
          expect(await left(db.selectFrom('used_form_tokens').select('token_hash').execute())).toBe(
            ages.formTokens.length - due(ages.formTokens, true),
          );
          expect(await left(db.selectFrom('automatic_mail_throttle').select('address').execute())).toBe(
            ages.mailThrottles.length - due(ages.mailThrottles),
          );
          for (const [i, link] of links.entries()) {
            const { text } = await db
              .selectFrom('interactions')
              .select('text')
              .where('id', '=', link.id)
              .executeTakeFirstOrThrow();
            expect(text.includes(`Token${i}_x-Y`)).toBe(link.d > 0);
            if (link.d <= 0) expect(text).toBe(linkText('Token0').replace('/anliegen/status/Token0', REMOVED_STATUS_LINK));
          }
          for (const id of kept) {
            const { text } = await db.selectFrom('interactions').select('text').where('id', '=', id).executeTakeFirstOrThrow();
            expect(text).not.toContain(REMOVED_STATUS_LINK);
          }
          // A second run finds nothing left to do.
          expect(Object.values((await cleanUpExpired(db, NOW, { confirmationLinkDays: LINK_DAYS })).counts)).toEqual([
            0, 0, 0, 0, 0,
          ]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('run by two processes at once, removes each item once', async () => {
    await emptyTables();
    const db = database.db;
    for (let i = 0; i < 30; i++) {
      await db
        .insertInto('sessions')
        .values({ id: `s${i}`, user_id: userId, csrf_token: 'c', created_at: 0, last_seen_at: 0, expires_at: NOW - i })
        .execute();
      await outgoingMail({ text: linkText(`T${i}`), occurredAt: NOW - LINK_DAYS * DAY - i, status: 'sent' });
    }
    const runs = await Promise.all([
      cleanUpExpired(db, NOW, { confirmationLinkDays: LINK_DAYS }),
      cleanUpExpired(second.db, NOW, { confirmationLinkDays: LINK_DAYS }),
    ]);
    expect(runs[0]!.counts.sessions! + runs[1]!.counts.sessions!).toBe(30);
    expect(runs[0]!.counts.confirmationLinks! + runs[1]!.counts.confirmationLinks!).toBe(30);
  });

  it('removes the secret of a real confirmation from its stored copy; the link keeps working', async () => {
    await emptyTables();
    const db = database.db;
    const { token, mailQueued } = await db
      .transaction()
      .execute((trx) =>
        confirmReceipt(
          trx,
          { publicUrl: 'https://anliegen.musterstadt.example', lang: 'de' },
          { caseId, citizenId, email: 'b@example.com' },
        ),
      );
    expect(mailQueued).toBe(true);
    await db.updateTable('interactions').set({ delivery_status: 'sent' }).where('case_id', '=', caseId).execute();
    const copy = () => db.selectFrom('interactions').select('text').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect((await copy()).text).toContain(token);

    expect(
      (await cleanUpExpired(db, Date.now() + (LINK_DAYS - 1) * DAY, { confirmationLinkDays: LINK_DAYS })).counts
        .confirmationLinks,
    ).toBe(0);
    expect(
      (await cleanUpExpired(db, Date.now() + (LINK_DAYS + 1) * DAY, { confirmationLinkDays: LINK_DAYS })).counts
        .confirmationLinks,
    ).toBe(1);
    const { text } = await copy();
    expect(text).not.toContain(token);
    expect(text).toContain(`https://anliegen.musterstadt.example${REMOVED_STATUS_LINK}\n`);
    expect((await caseForToken(db, token))?.reference).toBe('BS-2026-00001');
    await db.deleteFrom('case_access_tokens').execute();
  });

  it('reads only the copies that still name a link (a partial index), not every message', async () => {
    if (database.dialect !== 'sqlite') return; // PostgreSQL reads a table this small whole, whatever its indexes.
    const plan = await explainQuery(database.db, sentCopiesWithLink(database.db, NOW).compile());
    expect(plan).toContain('interactions_status_link_idx');
  });
});

/** Writes `content` to the store with the given age (seconds before NOW); returns its content address. */
async function storedFile(content: string, ageMs: number): Promise<string> {
  const sha256 = await storeAttachment(store, Buffer.from(content));
  const time = (NOW - ageMs) / 1000;
  await utimes(attachmentPath(store, sha256), time, time);
  return sha256;
}

type Reference = 'none' | 'attachment' | 'source' | 'upload';

/** A row referring to the content in one of the three ways the store's files are used. */
async function refer(sha256: string, how: Reference) {
  const db = database.db;
  if (how === 'upload')
    await db
      .insertInto('reply_uploads')
      .values({ user_id: userId, filename: 'a.pdf', content_type: 'application/pdf', size_bytes: 1, sha256, created_at: NOW })
      .execute();
  if (how === 'attachment' || how === 'source') {
    const id = await outgoingMail({ text: 'Anbei', occurredAt: NOW, status: 'sent', authorId: userId });
    if (how === 'source') await db.updateTable('interactions').set({ raw_sha256: sha256 }).where('id', '=', id).execute();
    else
      await db
        .insertInto('attachments')
        .values({
          interaction_id: id,
          filename: 'a.pdf',
          content_type: 'application/pdf',
          size_bytes: 1,
          sha256,
          created_at: NOW,
        })
        .execute();
  }
}

const sweep = (db = database.db, dir = store) =>
  sweepOrphanedFiles(dir, { now: NOW, referenced: (sha256s) => referencedFiles(db, sha256s) });

describe('the sweep of the attachment store', () => {
  it('deletes old files nothing refers to; keeps referenced ones and young ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            // Seconds around the minimum age.
            age: fc.integer({ min: -3, max: 3 }).map((s) => ORPHAN_MIN_AGE_MS + s * 1000),
            reference: fc.constantFrom<Reference>('none', 'none', 'attachment', 'source', 'upload'),
          }),
          { maxLength: 8 },
        ),
        async (files) => {
          await emptyTables();
          await rm(store, { recursive: true, force: true });
          const stored = [];
          for (const [i, file] of files.entries()) {
            const sha256 = await storedFile(`Datei ${i}`, file.age);
            await refer(sha256, file.reference);
            stored.push({ ...file, sha256 });
          }
          const orphans = stored.filter((file) => file.reference === 'none' && file.age > ORPHAN_MIN_AGE_MS);
          expect(await sweep()).toEqual({ orphanedFiles: orphans.length, temporaryFiles: 0 });
          for (const file of stored) expect(existsSync(attachmentPath(store, file.sha256))).toBe(!orphans.includes(file));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('touches nothing outside its own layout and follows no link; removes unfinished writes once old', async () => {
    await emptyTables();
    const outside = await mkdtemp(join(tmpdir(), 'anliegen-outside-'));
    try {
      const old = (NOW - 2 * ORPHAN_MIN_AGE_MS) / 1000;
      const sha = (text: string) => createHash('sha256').update(text).digest('hex');
      /** An old file outside the store, named as the store names its files. */
      const outsideFile = async (folder: string, sha256: string) => {
        await mkdir(join(outside, folder), { recursive: true });
        await writeFile(join(outside, folder, sha256), 'fremd');
        await utimes(join(outside, folder, sha256), old, old);
        return join(outside, folder, sha256);
      };
      // Links into the store: to a file, to a folder of the second level, to a folder of the first.
      const linkedFile = sha('fremde Datei');
      const fileTarget = await outsideFile('datei', linkedFile);
      await mkdir(join(store, linkedFile.slice(0, 2), linkedFile.slice(2, 4)), { recursive: true });
      await symlink(fileTarget, attachmentPath(store, linkedFile));
      const inLinkedFolder = sha('fremder Ordner');
      const folderTarget = await outsideFile('ordner', inLinkedFolder);
      await mkdir(join(store, inLinkedFolder.slice(0, 2)), { recursive: true });
      await symlink(join(outside, 'ordner'), join(store, inLinkedFolder.slice(0, 2), inLinkedFolder.slice(2, 4)));
      const inLinkedTop = [...'0123456789abcdef']
        .map((c) => sha(`oben ${c}`))
        .find((candidate) => !existsSync(join(store, candidate.slice(0, 2))))!;
      const topTarget = await outsideFile(join('oben', inLinkedTop.slice(2, 4)), inLinkedTop);
      await symlink(join(outside, 'oben'), join(store, inLinkedTop.slice(0, 2)));
      // Files that are not the store's: the readiness probe's, an admin's note, a file in the wrong folder.
      const misplaced = sha('verlegt');
      const foreignNames = [
        '.readyz-1-abc.tmp',
        join(linkedFile.slice(0, 2), 'notiz.txt'),
        join(linkedFile.slice(0, 2), linkedFile.slice(2, 4), misplaced),
      ];
      for (const name of foreignNames) {
        await writeFile(join(store, name), 'x');
        await utimes(join(store, name), old, old);
      }
      // Unfinished writes: an old one and one in progress.
      const sha256 = await storedFile('halb', 0);
      await writeFile(`${attachmentPath(store, sha256)}.0123456789ab.tmp`, 'ha');
      await utimes(`${attachmentPath(store, sha256)}.0123456789ab.tmp`, old, old);
      await writeFile(`${attachmentPath(store, sha256)}.ba9876543210.tmp`, 'ha');

      expect(await sweep()).toEqual({ orphanedFiles: 0, temporaryFiles: 1 });
      expect(lstatSync(attachmentPath(store, linkedFile)).isSymbolicLink()).toBe(true);
      for (const target of [fileTarget, folderTarget, topTarget]) expect(readFileSync(target, 'utf8')).toBe('fremd');
      for (const name of foreignNames) expect(existsSync(join(store, name))).toBe(true);
      expect(existsSync(`${attachmentPath(store, sha256)}.0123456789ab.tmp`)).toBe(false);
      expect(existsSync(`${attachmentPath(store, sha256)}.ba9876543210.tmp`)).toBe(true);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('keeps a file stored again while it sweeps, and puts back what a stopped sweep left renamed', async () => {
    await emptyTables();
    const again = await storedFile('wieder', 2 * ORPHAN_MIN_AGE_MS);
    // A mail with the same content arrives: the store refreshes the file's time, its row is not committed yet.
    await storeAttachment(store, Buffer.from('wieder'));
    const left = await storedFile('liegen geblieben', 2 * ORPHAN_MIN_AGE_MS);
    const path = attachmentPath(store, left);
    await rename(path, `${path}.0123456789ab.sweep`);
    expect(await sweep()).toEqual({ orphanedFiles: 0, temporaryFiles: 0 });
    expect(existsSync(attachmentPath(store, again))).toBe(true);
    expect(existsSync(path)).toBe(true);
    // The next sweep decides about it like about any other file.
    expect(await sweep()).toEqual({ orphanedFiles: 1, temporaryFiles: 0 });
  });

  it('run by two processes on one store at once, deletes each orphan once and nothing else', async () => {
    await emptyTables();
    const orphans = [];
    for (let i = 0; i < 20; i++) orphans.push(await storedFile(`verwaist ${i}`, 2 * ORPHAN_MIN_AGE_MS));
    const used = await storedFile('benutzt', 2 * ORPHAN_MIN_AGE_MS);
    await refer(used, 'attachment');
    const [a, b] = await Promise.all([sweep(database.db), sweep(second.db)]);
    expect(a.orphanedFiles + b.orphanedFiles).toBe(20);
    expect(orphans.filter((sha256) => existsSync(attachmentPath(store, sha256)))).toEqual([]);
    expect(existsSync(attachmentPath(store, used))).toBe(true);
    // A store that does not exist yet is nothing to sweep.
    expect(await sweep(database.db, join(store, 'fehlt'))).toEqual({ orphanedFiles: 0, temporaryFiles: 0 });
  });

  it('after an erasure whose files were not deleted (the process stopped), leaves no file of the person', async () => {
    await emptyTables();
    const mail = async (name: string, email: string, files: string[]) => {
      const raw = await storeAttachment(store, Buffer.from(`From: ${email}\r\n\r\n${name}`));
      const attachments = [];
      for (const file of files)
        attachments.push({
          filename: 'a.pdf',
          contentType: 'application/pdf',
          sizeBytes: 1,
          sha256: await storeAttachment(store, Buffer.from(file)),
        });
      const result = await recordInboundContact(database.db, NO_ACTOR, {
        channel: 'email',
        from: { email, phone: null, name },
        subject: `Anliegen von ${name}`,
        text: 'Siehe Anhang',
        htmlSanitized: null,
        externalMessageId: `<${email}>`,
        metadata: { from: email },
        categoryId: null,
        attachments,
      });
      await database.db.updateTable('interactions').set({ raw_sha256: raw }).where('case_id', '=', result.caseId).execute();
      return { ...result, files: [raw, ...attachments.map((file) => file.sha256)] };
    };
    const erased = await mail('Erika Muster', 'erika@example.com', ['Erikas Foto', 'Formular']);
    const other = await mail('Otto Normal', 'otto@example.com', ['Formular']);
    // The erasure commits; its deletion of the files after commit never happens.
    await eraseCitizen(database.db, NO_ACTOR, erased.citizenId, join(store, 'nicht-hier'));
    const before = await readdir(store, { recursive: true });
    expect(before.length).toBeGreaterThan(0);

    // A sweep within the hour leaves the files (young); once they are older, it deletes the person's own files.
    expect((await sweepAttachmentStore(database.db, store, Date.now())).counts).toEqual({ orphanedFiles: 0, temporaryFiles: 0 });
    const later = Date.now() + ORPHAN_MIN_AGE_MS + 1000;
    expect((await sweepAttachmentStore(database.db, store, later)).counts).toEqual({ orphanedFiles: 2, temporaryFiles: 0 });
    const own = erased.files.filter((sha256) => !other.files.includes(sha256));
    expect(own).toHaveLength(2);
    for (const sha256 of own) expect(existsSync(attachmentPath(store, sha256))).toBe(false);
    // The form both sent stays: Otto's message uses it.
    for (const sha256 of other.files) expect(existsSync(attachmentPath(store, sha256))).toBe(true);
  });
});

describe('periodic jobs with counts', () => {
  it('log the counts that are not zero at info level with the job name; a run with nothing to count logs nothing', async () => {
    const log = createLogger('silent');
    const infos = vi.spyOn(log, 'info');
    let run = 0;
    const results = [{ counts: { sessions: 12, formTokens: 0 } }, { counts: { sessions: 0 } }, undefined];
    const stop = startPeriodic('session-cleanup', 5, log, async () => results[run++], { runNow: true });
    await vi.waitFor(() => expect(run).toBeGreaterThanOrEqual(3));
    stop();
    expect(infos).toHaveBeenCalledTimes(1);
    expect(infos).toHaveBeenCalledWith({ job: 'session-cleanup', counts: { sessions: 12 } }, 'periodic job done');
    // One process at a time: the counts of the run that did the work.
    const locked = startPeriodic('file-sweep', HOUR, log, async () => ({ counts: { orphanedFiles: 3 } }), {
      runNow: true,
      oneProcessOn: database.db,
    });
    await vi.waitFor(() =>
      expect(infos).toHaveBeenCalledWith({ job: 'file-sweep', counts: { orphanedFiles: 3 } }, 'periodic job done'),
    );
    locked();
  });
});

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RouterOutputs } from '@anliegen/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../server/src/backup/manifest.js';
import { rowCountsOf, tablesOf } from '../../server/src/backup/manifest.js';
import { type DB, openDatabase } from '../../server/src/db/database.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../../server/src/http/cookies.js';
import { HttpClient } from '../../server/src/test/http-client.js';
import { createPostgresDatabase, type TestDatabase } from '../../server/src/test/test-db.js';
import { DEMO, DEMO_PASSWORD } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * `pnpm backup` and `pnpm restore` (issue 25), the built commands as processes, on both databases: a backup taken
 * while agents and citizens write (cases with uploads through the API, web form submissions with files), restored into
 * a new installation; there the database is intact, every table has the manifest's count, every attachment and mail
 * source downloads with its bytes from a server started on it, and the search finds what it found before (minus what
 * came after the backup). And the refusals: a non-empty target directory or installation, a damaged backup.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.TEST_DATABASE_URL;
if (!ADMIN_URL) console.warn('backup-restore.e2e.ts: PostgreSQL skipped, TEST_DATABASE_URL is not set (scripts/test.sh sets it)');

const work = mkdtempSync(join(tmpdir(), 'anliegen-backup-e2e-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

type Dialect = 'sqlite' | 'postgres';

/** A database and an attachment store of their own; the settings the server and the commands get. */
interface Installation {
  env: Record<string, string>;
  attachmentsDir: string;
  databaseUrl: string | undefined;
  sqlitePath: string;
  /** A handle on its database (PostgreSQL: open it only after a restore, which refuses while others are connected). */
  open(): DB;
}

async function newInstallation(dialect: Dialect): Promise<Installation> {
  const dir = mkdtempSync(join(work, `${dialect}-`));
  const attachmentsDir = join(dir, 'attachments');
  const sqlitePath = join(dir, 'anliegen.sqlite');
  let database: TestDatabase | null = null;
  if (dialect === 'postgres') {
    database = await createPostgresDatabase(ADMIN_URL!, { migrate: false });
    cleanups.push(() => database!.destroy());
  }
  const databaseUrl = database?.url;
  let handle: DB | null = null;
  return {
    env: { ATTACHMENTS_DIR: attachmentsDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { SQLITE_PATH: sqlitePath }) },
    attachmentsDir,
    databaseUrl,
    sqlitePath,
    open: () => {
      if (database) return database.db;
      if (!handle) {
        handle = openDatabase({ sqlitePath }).db;
        const opened = handle;
        cleanups.push(() => opened.destroy());
      }
      return handle;
    },
  };
}

function serverOn(installation: Installation, env: Record<string, string>): Promise<RunningServer> {
  return startServer(
    { ...installation.env, WEBFORM_MIN_SECONDS: '0', WEBFORM_RATE_LIMIT: '10000', ...env },
    installation.databaseUrl ? { databaseUrl: installation.databaseUrl } : {},
  );
}

/** The built command, as `pnpm backup` / `pnpm restore` runs it, with the installation's settings. */
function command(name: 'backup' | 'restore', args: string[], installation: Installation) {
  return new Promise<{ code: number | null; output: string }>((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, `server/dist/cli/${name}.cli.js`), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...installation.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output }));
  });
}

/** Any table, the catalogue's too (the e2e package has no Kysely of its own for raw SQL). */
type AnyDb = Parameters<typeof tablesOf>[0];

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A word found only in what one write stored: "sicher", the lane, two letters, "q" (same length: no prefix of another). */
const wordOf = (lane: number, i: number) =>
  `sicher${lane}${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}q`;

interface Write {
  word: string;
  startedAt: number;
  endedAt: number;
}

/**
 * Writes until stopped, in three lanes: an agent's case with a note carrying an upload, and a citizen's web form
 * submission with a photo. Every write stores its file before its rows, as the app always does.
 */
function startLoad(server: RunningServer, agent: HttpClient, categoryId: number) {
  const writes: Write[] = [];
  let running = true;
  const upload = async (name: string, content: Buffer) => {
    const response = await fetch(`${server.url}/uploads`, {
      method: 'POST',
      body: new Uint8Array(content),
      headers: {
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(name),
        [CSRF_HEADER]: agent.cookies.get(CSRF_COOKIE)!,
        cookie: [...agent.cookies].map(([key, value]) => `${key}=${value}`).join('; '),
      },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: number }).id;
  };
  const viaApi = async (word: string) => {
    const citizen = await agent.call<RouterOutputs['citizens']['create']>('mutation', 'citizens.create', {
      givenName: 'Lastprobe',
      familyName: word,
    });
    const created = await agent.call<RouterOutputs['cases']['create']>('mutation', 'cases.create', {
      citizenId: citizen.id,
      subject: `Sicherung ${word}`,
      channel: 'phone',
      text: `Anruf wegen ${word}.`,
    });
    const uploadId = await upload(`${word}.bin`, randomBytes(3000));
    await agent.call('mutation', 'cases.addInteraction', {
      caseId: created.id,
      kind: 'note',
      text: `Notiz mit Anhang zu ${word}.`,
      uploadIds: [uploadId],
    });
  };
  const viaWebform = async (word: string) => {
    const page = await (await fetch(`${server.url}/anliegen`)).text();
    const body = new FormData();
    const fields = {
      formToken: /name="formToken" value="([^"]+)"/.exec(page)![1]!,
      website: '',
      name: 'Erika Lastprobe',
      email: `${word}@example.org`,
      phone: '',
      categoryId: String(categoryId),
      text: `Im Park ist etwas kaputt: ${word}.`,
      consent: 'yes',
    };
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append(
      'files',
      new Blob([new Uint8Array(Buffer.concat([PNG, randomBytes(2000)]))], { type: 'image/png' }),
      `${word}.png`,
    );
    const response = await fetch(`${server.url}/anliegen`, { method: 'POST', body, redirect: 'manual' });
    expect(response.status).toBe(303);
  };
  const lane = async (lane: number) => {
    for (let i = 0; running; i++) {
      const word = wordOf(lane, i);
      const startedAt = Date.now();
      await (i % 2 === lane % 2 ? viaApi(word) : viaWebform(word));
      writes.push({ word, startedAt, endedAt: Date.now() });
    }
  };
  const lanes = [0, 1, 2].map(lane);
  return {
    writes,
    stop: async () => {
      running = false;
      await Promise.all(lanes);
    },
  };
}

/** Cases (by reference) a search finds; every hit on one page, so both sides can be compared. */
async function found(client: HttpClient, q: string): Promise<string[]> {
  const result = await client.call<RouterOutputs['search']['run']>('query', 'search.run', { q, limit: 100 });
  expect(result.hasMore).toBe(false);
  return result.cases.map((hit) => hit.reference).sort();
}

async function countsOf(db: DB) {
  return rowCountsOf(db, await tablesOf(db));
}

const filesUnder = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()) : [];

const dialects: Dialect[] = ADMIN_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(dialects)('backup and restore on %s', { timeout: 120_000 }, (dialect) => {
  it('backs up under a write load, restores elsewhere intact and complete, and refuses what would lose data', async () => {
    // The desk in use: demo data (with attachments and mails' original sources), agents and citizens writing.
    const source = await newInstallation(dialect);
    const desk = await serverOn(source, { SEED_DEMO: 'true' });
    cleanups.push(() => desk.stop());
    const agent = new HttpClient(desk.url);
    await agent.logIn(DEMO.agent, DEMO_PASSWORD);
    const categories = await agent.call<RouterOutputs['categories']['list']>('query', 'categories.list');
    const load = startLoad(desk, agent, categories[0]!.id);
    await expect.poll(() => load.writes.length, { timeout: 15_000, interval: 20 }).toBeGreaterThanOrEqual(2);

    const backupDir = join(work, `${dialect}-backup`);
    const backupStarted = Date.now();
    const backup = await command('backup', ['--to', backupDir], source);
    const backupEnded = Date.now();
    // Some writes after the backup, to tell them from those before.
    await expect
      .poll(() => load.writes.some((write) => write.startedAt > backupEnded), { timeout: 15_000, interval: 20 })
      .toBe(true);
    await load.stop();
    expect(backup.output).toMatch(/Backup written to/);
    expect(backup.code).toBe(0);
    // The backup ran while the desk was writing.
    expect(load.writes.filter((write) => write.startedAt < backupEnded && write.endedAt > backupStarted).length).toBeGreaterThan(
      0,
    );
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.database.kind).toBe(dialect);
    expect(manifest.missingFiles).toEqual([]);
    expect(manifest.database.rowCounts.attachments).toBeGreaterThan(0);

    // At the same time: the backup restored into a new installation; a second backup into the same directory (refused:
    // the first stays as it was); a damaged copy of the backup restored (refused before anything is written).
    const damagedDir = join(work, `${dialect}-damaged`);
    cpSync(backupDir, damagedDir, { recursive: true });
    const damagedFile = manifest.files[0]!.path;
    writeFileSync(join(damagedDir, damagedFile), 'not what was backed up');
    const [target, untouched] = await Promise.all([newInstallation(dialect), newInstallation(dialect)]);
    const [restore, again, damaged] = await Promise.all([
      command('restore', ['--from', backupDir], target),
      command('backup', ['--to', backupDir], source),
      command('restore', ['--from', damagedDir], untouched),
    ]);
    expect(again.code).toBe(2);
    expect(again.output).toMatch(/Backup refused: .* is not empty/);
    expect(damaged.code).toBe(2);
    expect(damaged.output).toContain(`${damagedFile}: content differs from the manifest`);
    expect(damaged.output).toContain('Nothing was restored');
    expect(filesUnder(untouched.attachmentsDir)).toEqual([]);
    if (dialect === 'sqlite') expect(existsSync(untouched.sqlitePath)).toBe(false);
    else expect(await tablesOf(untouched.open())).toEqual([]);

    // The restored installation: intact, and with every table's count as the manifest says.
    expect(restore.output).toMatch(/each table's count as in the manifest/);
    expect(restore.code).toBe(0);
    const restoredDb = target.open();
    if (dialect === 'sqlite') {
      const db = restoredDb as AnyDb;
      expect(await db.selectFrom('pragma_integrity_check').selectAll().execute()).toEqual([{ integrity_check: 'ok' }]);
      expect(await db.selectFrom('pragma_foreign_key_check').selectAll().execute()).toEqual([]);
    } else {
      // pg_restore creates the foreign keys after the data: they exist, as many as at the source, all validated.
      const foreignKeys = (db: AnyDb) =>
        db
          .selectFrom('pg_constraint as c')
          .innerJoin('pg_namespace as n', 'n.oid', 'c.connamespace')
          .where('n.nspname', '=', 'public')
          .where('c.contype', '=', 'f')
          .select(['c.conname as name', 'c.convalidated as validated'])
          .orderBy('c.conname')
          .execute();
      const sourceDb = openDatabase({ databaseUrl: source.databaseUrl, sqlitePath: '' }).db;
      const atSource = await foreignKeys(sourceDb);
      await sourceDb.destroy();
      expect(atSource.length).toBeGreaterThan(20);
      expect(await foreignKeys(restoredDb)).toEqual(atSource.map((key) => ({ ...key, validated: true })));
    }
    expect(await countsOf(restoredDb)).toEqual(manifest.database.rowCounts);
    const restoredCases = new Set(
      (await restoredDb.selectFrom('cases').select('reference').execute()).map((row) => row.reference),
    );
    const attachments = await restoredDb.selectFrom('attachments').select(['id', 'sha256', 'size_bytes']).execute();
    const mails = await restoredDb
      .selectFrom('interactions')
      .select(['id', 'raw_sha256'])
      .where('raw_sha256', 'is not', null)
      .execute();
    const uploads = await restoredDb.selectFrom('reply_uploads').select('sha256').execute();
    expect(mails.length).toBeGreaterThan(0);

    // A server on the restored installation: every attachment and every mail's source downloads with its bytes.
    const restored = await serverOn(target, { SEED_DEMO: 'false' });
    cleanups.push(() => restored.stop());
    // A second restore into it is refused: it is in use now.
    const twice = command('restore', ['--from', backupDir], target);
    const restoredAgent = new HttpClient(restored.url);
    await restoredAgent.logIn(DEMO.agent, DEMO_PASSWORD);
    for (const file of attachments) {
      const response = await restoredAgent.request(`/attachments/${file.id}`);
      expect(response.status, `attachment ${file.id}`).toBe(200);
      const content = Buffer.from(await response.arrayBuffer());
      expect(content.length).toBe(file.size_bytes);
      expect(sha256(content)).toBe(file.sha256);
    }
    for (const mail of mails) {
      const response = await restoredAgent.request(`/mail-source/${mail.id}`);
      expect(response.status, `mail source ${mail.id}`).toBe(200);
      expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(mail.raw_sha256);
    }
    // Uploads not sent yet have no download of their own: their files are in the store.
    for (const upload of uploads) {
      const path = join(target.attachmentsDir, upload.sha256.slice(0, 2), upload.sha256.slice(2, 4), upload.sha256);
      expect(sha256(readFileSync(path))).toBe(upload.sha256);
    }

    // The search finds on both sides the same, less the cases that came after the backup.
    const before = load.writes.filter((write) => write.endedAt < backupStarted).slice(0, 3);
    const after = load.writes.filter((write) => write.startedAt > backupEnded).slice(0, 3);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    for (const q of ['Feuerwehrzufahrt', 'Laubbläser', '"Defekte Schaukel"', ...before.map((write) => write.word)]) {
      const atSource = await found(agent, q);
      expect(atSource.length, q).toBeGreaterThan(0);
      expect(await found(restoredAgent, q), q).toEqual(atSource);
    }
    for (const { word } of after) {
      const atSource = await found(agent, word);
      expect(atSource.length, word).toBeGreaterThan(0);
      expect(atSource.some((reference) => restoredCases.has(reference))).toBe(false);
      expect(await found(restoredAgent, word), word).toEqual([]);
    }

    expect((await twice).output).toMatch(/Restore refused: The attachment store .* is not empty/);
    expect((await twice).code).toBe(2);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DB, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { attachmentPath, storeAttachment } from '../storage/attachment-store.js';
import { insertTestCase, insertTestCitizen } from '../test/fixtures.js';
import { databaseUrl } from '../test/test-db.js';
import { type BackupConfig, BackupRefused, createBackup } from './backup.js';
import { type Manifest, MANIFEST_FILE, rowCountsOf, tablesOf } from './manifest.js';
import { RestoreRefused, restoreBackup } from './restore.js';

/**
 * Backup and restore on the test's dialect, called in-process (the end-to-end test, e2e/src/backup-restore.e2e.ts,
 * runs the built commands against a server under load). An installation is a database plus an attachment store.
 */
const POSTGRES = process.env.TEST_DIALECT === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
if (process.env.TEST_DIALECT === 'postgres' && !POSTGRES) throw new Error('TEST_DIALECT=postgres needs TEST_DATABASE_URL');

const root = mkdtempSync(join(tmpdir(), 'anliegen-backup-test-'));
let admin: Kysely<unknown> | null = null;
const databases: string[] = [];
const opened: DB[] = [];

beforeAll(() => {
  if (POSTGRES)
    admin = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: POSTGRES, max: 1 }) }) });
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});
afterAll(async () => {
  for (const name of databases) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin!);
  await admin?.destroy();
  rmSync(root, { recursive: true, force: true });
});

interface Installation {
  config: BackupConfig;
  /** A connection to its database, closed after the test (a restore refuses while another connection is open). */
  open(): DB;
}

/** A new, empty installation: no database yet (a new SQLite path, or a new PostgreSQL database without tables). */
async function newInstallation(): Promise<Installation> {
  const dir = mkdtempSync(join(root, 'installation-'));
  let config: BackupConfig = {
    DATABASE_URL: undefined,
    SQLITE_PATH: join(dir, 'anliegen.sqlite'),
    ATTACHMENTS_DIR: join(dir, 'files'),
  };
  if (POSTGRES) {
    const name = `anliegen_backup_${randomBytes(6).toString('hex')}`;
    await sql`create database ${sql.id(name)}`.execute(admin!);
    databases.push(name);
    config = { ...config, DATABASE_URL: databaseUrl(POSTGRES, name) };
  }
  return {
    config,
    open: () => {
      const { db } = openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH });
      opened.push(db);
      return db;
    },
  };
}

async function close(db: DB) {
  opened.splice(opened.indexOf(db), 1);
  await db.destroy();
}

const MAIL = Buffer.from('From: berta@example.org\r\nSubject: Laterne\r\n\r\nDie Laterne flackert.\r\n');
const PHOTO = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);
const UPLOAD = Buffer.from('Antwortentwurf als Anhang');

/** An installation in use: a mail with its original source and a photo, and an upload not sent yet. */
async function installationWithData(): Promise<Installation & { files: Buffer[] }> {
  const installation = await newInstallation();
  const db = installation.open();
  await migrateToLatest(db);
  const dir = installation.config.ATTACHMENTS_DIR;
  const citizenId = await insertTestCitizen(db, 'Berg', 'Berta');
  const caseId = await insertTestCase(db, { citizen_id: citizenId, reference: 'A-2026-000001', subject: 'Laterne flackert' });
  const { id: interactionId } = await db
    .insertInto('interactions')
    .values({
      case_id: caseId,
      citizen_id: citizenId,
      channel: 'email',
      direction: 'inbound',
      author_id: null,
      subject: 'Laterne',
      text: 'Die Laterne flackert.',
      html_sanitized: null,
      occurred_at: 1,
      duration_seconds: null,
      external_message_id: '<laterne@example.org>',
      delivery_status: null,
      metadata: null,
      created_at: 1,
      raw_sha256: await storeAttachment(dir, MAIL),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('attachments')
    .values({
      interaction_id: interactionId,
      filename: 'laterne.png',
      content_type: 'image/png',
      size_bytes: PHOTO.length,
      sha256: await storeAttachment(dir, PHOTO),
      created_at: 1,
    })
    .execute();
  const { id: userId } = await db
    .insertInto('users')
    .values({
      email: 'anna@example.org',
      display_name: 'Anna Schmidt',
      password_hash: 'x',
      role: 'agent',
      locale: 'de',
      active: 1,
      created_at: 1,
      updated_at: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('reply_uploads')
    .values({
      user_id: userId,
      filename: 'entwurf.txt',
      content_type: 'text/plain',
      size_bytes: UPLOAD.length,
      sha256: await storeAttachment(dir, UPLOAD),
      created_at: 1,
    })
    .execute();
  // A file nothing refers to (written by a request whose row never came): not part of the backup.
  await storeAttachment(dir, Buffer.from('verwaist'));
  await close(db);
  return { ...installation, files: [MAIL, PHOTO, UPLOAD] };
}

async function countsOf(installation: Installation) {
  const db = installation.open();
  const counts = await rowCountsOf(db, await tablesOf(db));
  await close(db);
  return counts;
}

const newBackupDir = () => join(root, `backup-${randomBytes(4).toString('hex')}`);
const filesIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
    : [];

async function refusal(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: Error) => error,
  );
}

/** The restore target is as empty as before: no rows of this program, no files. */
async function expectUntouched(target: Installation) {
  expect(filesIn(target.config.ATTACHMENTS_DIR)).toEqual([]);
  if (POSTGRES) {
    const db = target.open();
    expect(await tablesOf(db)).toEqual([]);
    await close(db);
  } else expect(existsSync(target.config.SQLITE_PATH)).toBe(false);
}

describe('backup and restore', { timeout: 30_000 }, () => {
  // One installation in use and its backup for every test; a test that changes the backup changes a copy.
  let source: Installation;
  let backupDir: string;
  let manifest: Manifest;
  beforeAll(async () => {
    source = await installationWithData();
    backupDir = newBackupDir();
    ({ manifest } = await createBackup(source.config, backupDir));
  });
  const copyOfBackup = () => {
    const dir = newBackupDir();
    cpSync(backupDir, dir, { recursive: true });
    return dir;
  };

  it('restores the database and every referenced file into an empty installation, with the same counts', async () => {
    expect(manifest.database.kind).toBe(POSTGRES ? 'postgres' : 'sqlite');
    expect(manifest.database.lastMigration).toBe(Object.keys(migrations).at(-1));
    expect(manifest.database.rowCounts).toEqual(await countsOf(source));
    expect(manifest.database.rowCounts).toMatchObject({ cases: 1, attachments: 1, reply_uploads: 1, users: 1 });
    // The mail's source, the photo and the upload; not the file nothing refers to.
    expect(manifest.files).toHaveLength(3);
    expect(manifest.missingFiles).toEqual([]);
    expect(JSON.parse(readFileSync(join(backupDir, MANIFEST_FILE), 'utf8'))).toEqual(manifest);

    const target = await newInstallation();
    const report = await restoreBackup(target.config, backupDir);
    expect(report.migrationsApplied).toEqual([]);
    expect(report.search).toEqual({ messages: 1, cases: 1 });
    expect(await countsOf(target)).toEqual(manifest.database.rowCounts);
    for (const file of manifest.files) {
      const name = file.path.split('/').at(-1)!;
      expect(readFileSync(attachmentPath(target.config.ATTACHMENTS_DIR, name))).toEqual(
        readFileSync(attachmentPath(source.config.ATTACHMENTS_DIR, name)),
      );
    }
    expect(filesIn(target.config.ATTACHMENTS_DIR)).toHaveLength(3);
    // The search index was rebuilt: the restored text is found.
    const db = target.open();
    const hits = POSTGRES
      ? await sql`select id from interactions where search_vector @@ to_tsquery('german', 'flackert')`.execute(db)
      : await sql`select rowid from interactions_fts where interactions_fts match 'flackert'`.execute(db);
    expect(hits.rows).toHaveLength(1);
  });

  it('writes only into a new or empty directory', async () => {
    const dir = newBackupDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'older backup');
    const error = await refusal(createBackup(source.config, dir));
    expect(error).toBeInstanceOf(BackupRefused);
    expect(error.message).toMatch(/is not empty/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('names a referenced file missing from the store and backs up everything else', async () => {
    const missing = createHash('sha256').update(PHOTO).digest('hex');
    unlinkSync(attachmentPath(source.config.ATTACHMENTS_DIR, missing));
    try {
      const backup = await createBackup(source.config, newBackupDir());
      expect(backup.manifest.missingFiles).toEqual([missing]);
      expect(backup.manifest.files).toHaveLength(2);
    } finally {
      await storeAttachment(source.config.ATTACHMENTS_DIR, PHOTO);
    }
  });

  it('refuses a backup whose file fails its checksum, and changes nothing', async () => {
    const dir = copyOfBackup();
    const tampered = manifest.files[0]!.path;
    writeFileSync(join(dir, tampered), 'something else');
    const target = await newInstallation();
    const error = await refusal(restoreBackup(target.config, dir));
    expect(error).toBeInstanceOf(RestoreRefused);
    expect(error.message).toContain(`${tampered}: content differs from the manifest`);
    await expectUntouched(target);
  });

  it('refuses an installation in use, but replaces the empty schema a first server start created', async () => {
    const inUse = await refusal(restoreBackup(source.config, backupDir));
    expect(inUse.message).toMatch(/attachment store .* is not empty/);
    const target = await newInstallation();
    const db = target.open();
    await migrateToLatest(db);
    const citizenId = await insertTestCitizen(db, 'Berg');
    await close(db);
    const withCitizen = await refusal(restoreBackup(target.config, backupDir));
    expect(withCitizen).toBeInstanceOf(RestoreRefused);
    expect(withCitizen.message).toMatch(/is in use: it holds 1 citizens/);

    const again = target.open();
    await again.deleteFrom('citizens').where('id', '=', citizenId).execute();
    await close(again);
    await restoreBackup(target.config, backupDir);
    expect(await countsOf(target)).toEqual(manifest.database.rowCounts);
  });

  it.skipIf(!POSTGRES)('refuses while another connection uses the target database', async () => {
    const target = await newInstallation();
    const db = target.open();
    await sql`select 1`.execute(db);
    const error = await refusal(restoreBackup(target.config, backupDir));
    expect(error.message).toMatch(/other connection\(s\) .* are open/);
  });

  it('restores a backup of an older version and migrates it', async () => {
    const names = Object.keys(migrations);
    const older = names.find((name) => name.includes('mail_queue'))!;
    const old = await newInstallation();
    const db = old.open();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(older);
    expect(error).toBeUndefined();
    await sql`insert into teams (name, created_at, updated_at) values ('Bürgerbüro', 1, 1)`.execute(db);
    await close(db);
    const dir = newBackupDir();
    const backup = await createBackup(old.config, dir);
    expect(backup.manifest.database.lastMigration).toBe(older);

    const target = await newInstallation();
    const report = await restoreBackup(target.config, dir);
    expect(report.migrationsApplied).toEqual(names.slice(names.indexOf(older) + 1));
    const restored = target.open();
    expect(await restored.selectFrom('teams').select('name').execute()).toEqual([{ name: 'Bürgerbüro' }]);
  });

  it('refuses a backup of a newer version and one of the other kind of database', async () => {
    const dir = copyOfBackup();
    const path = join(dir, MANIFEST_FILE);
    writeFileSync(
      path,
      JSON.stringify({ ...manifest, database: { ...manifest.database, lastMigration: '29991231000000_future' } }),
    );
    const target = await newInstallation();
    expect((await refusal(restoreBackup(target.config, dir))).message).toMatch(/newer version .* 29991231000000_future/);

    const other = POSTGRES
      ? { ...target.config, DATABASE_URL: undefined }
      : { ...target.config, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    expect((await refusal(restoreBackup(other, backupDir))).message).toMatch(/restores into the same kind of database/);
    await expectUntouched(target);
  });
});

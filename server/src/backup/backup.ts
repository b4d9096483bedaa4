import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { openDatabase } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';
import type { Env } from '../env.js';
import { attachmentPath } from '../storage/attachment-store.js';
import {
  appVersion,
  backupPathOf,
  copyWithHash,
  counted,
  DATABASE_FILE,
  eachLimited,
  isContentAddress,
  lastMigrationOf,
  type Manifest,
  referencedFilesOf,
  rowCountsOf,
  sha256OfFile,
  syncFile,
  tablesOf,
  writeManifest,
} from './manifest.js';
import { runPostgresTool } from './postgres-tools.js';

export type BackupConfig = Pick<Env, 'DATABASE_URL' | 'SQLITE_PATH' | 'ATTACHMENTS_DIR'>;

/** The command would not start: nothing was written (exit code 2). */
export class BackupRefused extends Error {}

export interface BackupReport {
  dir: string;
  kind: DialectName;
  manifest: Manifest;
  /** Files the database refers to whose content no longer matches their name in the store (copied as they are). */
  damagedFiles: string[];
  /** Referenced values that are no content address at all (not copied, not in the manifest). */
  invalidReferences: string[];
  durationMs: number;
}

interface Snapshot {
  lastMigration: string;
  rowCounts: Record<string, number>;
  referenced: string[];
}

/**
 * A consistent backup while the desk is in use: first a snapshot of the database (SQLite: the online backup API in one
 * step, so it is one read transaction; PostgreSQL: pg_dump on a snapshot exported by a read-only transaction, which
 * also counts the rows and lists the files), then the files that snapshot refers to. Files are stored before the rows
 * that name them, so every file a snapshot names is already in the store; one removed since (an erasure) is reported
 * missing. A failed backup removes what it wrote.
 */
export async function createBackup(config: BackupConfig, dir: string, progress: (line: string) => void = () => {}) {
  const started = Date.now();
  const createdDir = await claimEmptyDirectory(dir);
  try {
    const kind: DialectName = config.DATABASE_URL ? 'postgres' : 'sqlite';
    const databaseFile = join(dir, DATABASE_FILE[kind]);
    progress(`Taking a snapshot of the ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database…`);
    const snapshot = config.DATABASE_URL
      ? await snapshotPostgres(config.DATABASE_URL, databaseFile)
      : await snapshotSqlite(config.SQLITE_PATH, databaseFile);
    await syncFile(databaseFile);
    const database = await sha256OfFile(databaseFile);

    const invalidReferences = snapshot.referenced.filter((value) => !isContentAddress(value));
    const wanted = snapshot.referenced.filter(isContentAddress);
    progress(`Copying ${counted(wanted.length, 'file')} from the attachment store…`);
    const files: Manifest['files'] = [];
    const missingFiles: string[] = [];
    const damagedFiles: string[] = [];
    await eachLimited(wanted, 8, async (sha256) => {
      const source = attachmentPath(config.ATTACHMENTS_DIR, sha256);
      if (!existsSync(source)) {
        missingFiles.push(sha256);
        return;
      }
      const path = backupPathOf(sha256);
      const copied = await copyWithHash(source, join(dir, path));
      if (copied.sha256 !== sha256) damagedFiles.push(sha256);
      files.push({ path, ...copied });
    });
    files.sort((a, b) => a.path.localeCompare(b.path));
    missingFiles.sort();

    const manifest: Manifest = {
      format: 'anliegen-backup',
      formatVersion: 1,
      createdAt: new Date(started).toISOString(),
      app: appVersion(),
      database: {
        kind,
        file: DATABASE_FILE[kind],
        ...database,
        lastMigration: snapshot.lastMigration,
        rowCounts: snapshot.rowCounts,
      },
      files,
      missingFiles,
    };
    await writeManifest(dir, manifest);
    return { dir, kind, manifest, damagedFiles, invalidReferences, durationMs: Date.now() - started } satisfies BackupReport;
  } catch (error) {
    await removeWritten(dir, createdDir);
    throw error;
  }
}

/** The target must be a new or empty directory: a backup never mixes with another one. Answers whether it was created. */
async function claimEmptyDirectory(dir: string): Promise<boolean> {
  if (!existsSync(dir)) {
    await mkdir(dir, { recursive: true });
    return true;
  }
  if (!(await stat(dir)).isDirectory()) throw new BackupRefused(`${dir} exists and is not a directory.`);
  const entries = await readdir(dir);
  if (entries.length > 0)
    throw new BackupRefused(
      `${dir} is not empty (${entries.length} entries, e.g. ${entries[0]}). Back up into a new or empty directory.`,
    );
  return false;
}

async function removeWritten(dir: string, createdDir: boolean): Promise<void> {
  if (createdDir) {
    await rm(dir, { recursive: true, force: true });
    return;
  }
  for (const entry of await readdir(dir).catch(() => [])) await rm(join(dir, entry), { recursive: true, force: true });
}

// biome-ignore lint/suspicious/noExplicitAny: the snapshot is read whatever version's schema it has
type AnyDb = Kysely<any>;

async function migrationOf(db: AnyDb, where: string): Promise<{ tables: string[]; lastMigration: string }> {
  const tables = await tablesOf(db);
  const lastMigration = await lastMigrationOf(db, tables);
  if (!lastMigration) throw new BackupRefused(`${where} holds no database of this program (no migrations table).`);
  return { tables, lastMigration };
}

async function readSnapshot(db: AnyDb, tables: string[], lastMigration: string): Promise<Snapshot> {
  return { lastMigration, rowCounts: await rowCountsOf(db, tables), referenced: await referencedFilesOf(db, tables) };
}

async function snapshotSqlite(sqlitePath: string, target: string): Promise<Snapshot> {
  if (!existsSync(sqlitePath)) throw new BackupRefused(`There is no database at ${sqlitePath} (SQLITE_PATH).`);
  const source = new SQLite(sqlitePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // After the first step (which only sizes the copy), all pages in one step: one read transaction, so a consistent
    // snapshot. In WAL mode the server's writers are not held up by it, and no write can make the copy start over.
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new SQLite(target, { fileMustExist: true });
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    // One file, no write-ahead log beside it.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check') as { quick_check: string }[];
    if (check[0]?.quick_check !== 'ok')
      throw new Error(`The copy of the database fails SQLite's check: ${check.map((row) => row.quick_check).join('; ')}`);
    const { tables, lastMigration } = await migrationOf(db, sqlitePath);
    return await readSnapshot(db, tables, lastMigration);
  } finally {
    await db.destroy();
  }
}

async function snapshotPostgres(databaseUrl: string, target: string): Promise<Snapshot> {
  const { db, description } = openDatabase({ databaseUrl, sqlitePath: '', poolSize: 2 });
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
        const snapshotId = rows[0]!.id;
        const { tables, lastMigration } = await migrationOf(trx, description);
        // pg_dump reads exactly what this transaction sees, while it counts the rows and lists the files; both finish
        // before the transaction ends (and before a failed backup removes what it wrote).
        const [snapshot, dump] = await Promise.allSettled([
          readSnapshot(trx, tables, lastMigration),
          runPostgresTool(
            'pg_dump',
            ['--format=custom', `--snapshot=${snapshotId}`, `--file=${target}`, '--no-password'],
            databaseUrl,
          ),
        ]);
        if (dump.status === 'rejected') throw dump.reason;
        if (snapshot.status === 'rejected') throw snapshot.reason;
        return snapshot.value;
      });
  } finally {
    await db.destroy();
  }
}

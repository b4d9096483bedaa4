import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { type DB, openDatabase } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';
import { rebuildFullTextIndexes } from '../db/full-text.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { attachmentPath } from '../storage/attachment-store.js';
import type { BackupConfig } from './backup.js';
import {
  copyWithHash,
  counted,
  eachLimited,
  type Manifest,
  readManifest,
  rowCountsOf,
  sha256OfFile,
  tablesOf,
} from './manifest.js';
import { runPostgresTool } from './postgres-tools.js';

// biome-ignore lint/suspicious/noExplicitAny: the target is read whatever schema it has (none, or an empty one)
type AnyDb = Kysely<any>;

/** The restore would not start: nothing was changed (exit code 2). */
export class RestoreRefused extends Error {}

export interface RestoreReport {
  kind: DialectName;
  manifest: Manifest;
  /** Migrations the restored database did not have yet (a backup of an older version), applied in order. */
  migrationsApplied: string[];
  search: { messages: number; cases: number };
  durationMs: number;
}

/** Tables whose rows mean an installation is in use: a restore never replaces them. */
const DATA_TABLES = ['users', 'cases', 'citizens'] as const;

const LIST_AT_MOST = 10;
const listed = (items: readonly string[]) =>
  `${items.slice(0, LIST_AT_MOST).join('\n  ')}${items.length > LIST_AT_MOST ? `\n  … and ${items.length - LIST_AT_MOST} more` : ''}`;

/**
 * Restores a backup (`createBackup`) into an empty installation, in this order: the manifest is read and every
 * checksum verified, the target is found empty (no users, cases or citizens in the database; no file in the
 * attachment store), and only then is anything written: the database (SQLite: the file; PostgreSQL: pg_restore in one
 * transaction), checked (SQLite's integrity and foreign key checks) and counted against the manifest, then the files.
 * Should one of these steps fail, what was written is removed again. Then the migrations run (a backup from an older
 * version is upgraded) and the full-text index is rebuilt.
 */
export async function restoreBackup(config: BackupConfig, dir: string, progress: (line: string) => void = () => {}) {
  const started = Date.now();
  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    throw new RestoreRefused((error as Error).message);
  }
  const kind: DialectName = config.DATABASE_URL ? 'postgres' : 'sqlite';
  refuseIncompatible(manifest, kind);

  progress(`Verifying the checksums of ${counted(manifest.files.length + 1, 'file')}…`);
  await verifyChecksums(dir, manifest);

  await refuseFilesIn(config.ATTACHMENTS_DIR);
  const target = config.DATABASE_URL ? openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: '', poolSize: 2 }) : null;
  let sqliteDb: DB | null = null;
  try {
    const hasSchema = target
      ? await refusePostgresInUse(target.db, target.description)
      : await refuseSqliteInUse(config.SQLITE_PATH);

    const written: string[] = [];
    let db: DB | null = target?.db ?? null;
    try {
      progress('Restoring the database…');
      if (target) {
        if (hasSchema) await dropSchemaObjects(target.db);
        await runPostgresTool(
          'pg_restore',
          [
            '--no-owner',
            '--no-privileges',
            '--single-transaction',
            '--exit-on-error',
            '--no-password',
            join(dir, manifest.database.file),
          ],
          config.DATABASE_URL!,
        );
        await sql`analyze`.execute(target.db);
      } else {
        await restoreSqliteFile(join(dir, manifest.database.file), config.SQLITE_PATH, manifest.database.sha256);
        sqliteDb = openDatabase({ sqlitePath: config.SQLITE_PATH }).db;
        db = sqliteDb;
        await checkSqliteIntegrity(db);
      }
      await compareRowCounts(db!, manifest);

      progress(`Copying ${counted(manifest.files.length, 'file')} into the attachment store…`);
      await eachLimited(manifest.files, 8, async (file) => {
        const sha256 = file.path.split('/').at(-1)!;
        const path = attachmentPath(config.ATTACHMENTS_DIR, sha256);
        const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        written.push(temporary);
        const copied = await copyWithHash(join(dir, file.path), temporary);
        if (copied.sha256 !== file.sha256) throw new Error(`${file.path} changed while it was being restored.`);
        await rename(temporary, path);
        written.push(path);
      });
    } catch (error) {
      await undoRestore(config, target?.db ?? null, sqliteDb, written);
      sqliteDb = null;
      throw new Error(
        `${(error as Error).message}\nWhat the restore had written was removed again: the installation is empty as before.`,
      );
    }

    progress('Running the migrations…');
    let migrationsApplied: string[];
    try {
      migrationsApplied = await migrateToLatest(db!);
    } catch (error) {
      throw new Error(
        `The data is restored, but migrating it to this version failed: ${(error as Error).message}\nThe server tries the migrations again when it starts.`,
      );
    }
    progress('Rebuilding the search index…');
    const search = await rebuildFullTextIndexes(db!);
    return { kind, manifest, migrationsApplied, search, durationMs: Date.now() - started } satisfies RestoreReport;
  } finally {
    await (target?.db ?? sqliteDb)?.destroy();
  }
}

function refuseIncompatible(manifest: Manifest, kind: DialectName): void {
  const name = (dialect: DialectName) => (dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  if (manifest.database.kind !== kind)
    throw new RestoreRefused(
      `This is a backup of a ${name(manifest.database.kind)} database, but the configuration names ${name(kind)} ` +
        `(${kind === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is not set'}). A backup restores into the same kind of database.`,
    );
  if (!(manifest.database.lastMigration in migrations))
    throw new RestoreRefused(
      `The backup was made by a newer version of this program (its database has migration ${manifest.database.lastMigration}, ` +
        'which this version does not know). Restore it with that version or a later one.',
    );
}

async function verifyChecksums(dir: string, manifest: Manifest): Promise<void> {
  const problems: string[] = [];
  const expected = [
    { path: manifest.database.file, sha256: manifest.database.sha256, bytes: manifest.database.bytes },
    ...manifest.files,
  ];
  await eachLimited(expected, 8, async (file) => {
    try {
      const actual = await sha256OfFile(join(dir, file.path));
      if (actual.sha256 !== file.sha256 || actual.bytes !== file.bytes)
        problems.push(`${file.path}: content differs from the manifest`);
    } catch (error) {
      problems.push(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `${file.path}: missing`
          : `${file.path}: ${(error as Error).message}`,
      );
    }
  });
  if (problems.length > 0)
    throw new RestoreRefused(
      `The backup in ${dir} is damaged: ${problems.length} of its files fail their checksum. Nothing was restored.\n  ${listed(problems.sort())}`,
    );
}

async function refuseFilesIn(attachmentsDir: string): Promise<void> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (files.length > LIST_AT_MOST) return;
      if (entry.isDirectory()) await walk(join(dir, entry.name));
      else files.push(relative(attachmentsDir, join(dir, entry.name)));
    }
  };
  await walk(attachmentsDir);
  if (files.length > 0)
    throw new RestoreRefused(
      `The attachment store ${attachmentsDir} (ATTACHMENTS_DIR) is not empty. A backup restores into an empty installation only; ` +
        `use a new directory or empty this one.\n  ${listed(files)}`,
    );
}

async function inUse(db: AnyDb, tables: readonly string[]): Promise<string[]> {
  const present = DATA_TABLES.filter((table) => tables.includes(table));
  const counts = await rowCountsOf(db, present);
  return present.filter((table) => (counts[table] ?? 0) > 0).map((table) => `${counts[table]} ${table}`);
}

const IN_USE_HINT =
  'A backup restores into an empty installation only. (A server started with SEED_DEMO=true, the default, fills an ' +
  'empty database with demo data: start the new installation with SEED_DEMO=false, or restore before its first start.)';

/** An existing SQLite file may hold an empty schema (a server was started on it): it is replaced. Anything more refuses. */
async function refuseSqliteInUse(sqlitePath: string): Promise<boolean> {
  if (!existsSync(sqlitePath)) return false;
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(sqlitePath, { fileMustExist: true }) }) });
  try {
    const used = await inUse(db, await tablesOf(db));
    if (used.length > 0)
      throw new RestoreRefused(`The database ${sqlitePath} (SQLITE_PATH) is in use: it holds ${used.join(', ')}. ${IN_USE_HINT}`);
    return true;
  } finally {
    await db.destroy();
  }
}

/** True when the database already has (empty) tables of this program. */
async function refusePostgresInUse(db: DB, description: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
  const others = rows[0]?.n ?? 0;
  if (others > 0)
    throw new RestoreRefused(
      `${others} other connection(s) to ${description} are open (a running server?). Stop every server process of the installation first.`,
    );
  const tables = await tablesOf(db);
  if (tables.length === 0) return false;
  if (!tables.includes('kysely_migration'))
    throw new RestoreRefused(
      `${description} holds tables that are not this program's (${tables.slice(0, 5).join(', ')}). Restore into a new, empty database.`,
    );
  const used = await inUse(db, tables);
  if (used.length > 0) throw new RestoreRefused(`${description} is in use: it holds ${used.join(', ')}. ${IN_USE_HINT}`);
  return true;
}

/** The empty schema a server start created, removed so that pg_restore can create it as the backup has it. */
async function dropSchemaObjects(db: AnyDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const tables = await tablesOf(trx);
    if (tables.length > 0)
      await sql`drop table if exists ${sql.join(tables.map((table) => sql.table(table)))} cascade`.execute(trx);
    const { rows: relations } = await sql<{ name: string; kind: string }>`select c.relname as name, c.relkind as kind
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('v', 'm', 'S')`.execute(trx);
    const what: Record<string, string> = { v: 'view', m: 'materialized view', S: 'sequence' };
    for (const relation of relations)
      await sql`drop ${sql.raw(what[relation.kind]!)} if exists ${sql.table(relation.name)} cascade`.execute(trx);
    // Extensions the migrations created here (pg_trgm, issue 23) go whole: their functions cannot be dropped one by one.
    const { rows: extensions } = await sql<{ name: string }>`select e.extname as name
      from pg_extension e join pg_namespace n on n.oid = e.extnamespace where n.nspname = current_schema()`.execute(trx);
    for (const { name } of extensions) await sql`drop extension if exists ${sql.id(name)} cascade`.execute(trx);
    const { rows: functions } = await sql<{ signature: string }>`select p.oid::regprocedure::text as signature
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = current_schema()`.execute(trx);
    for (const { signature } of functions) await sql`drop function if exists ${sql.raw(signature)} cascade`.execute(trx);
  });
}

async function restoreSqliteFile(source: string, sqlitePath: string, sha256: string): Promise<void> {
  await mkdir(dirname(sqlitePath), { recursive: true });
  const temporary = `${sqlitePath}.${randomBytes(6).toString('hex')}.restoring`;
  try {
    const copied = await copyWithHash(source, temporary);
    if (copied.sha256 !== sha256) throw new Error(`${source} changed while it was being restored.`);
    // An empty database's write-ahead log must not be applied to the restored file.
    for (const suffix of ['-wal', '-shm']) await rm(`${sqlitePath}${suffix}`, { force: true });
    await rename(temporary, sqlitePath);
  } finally {
    await rm(temporary, { force: true });
  }
}

async function checkSqliteIntegrity(db: DB): Promise<void> {
  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const problems = integrity.rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
  if (problems.length > 0) throw new Error(`The restored database fails SQLite's integrity check:\n  ${listed(problems)}`);
  const keys = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(db);
  if (keys.rows.length > 0)
    throw new Error(
      `The restored database has ${keys.rows.length} rows whose foreign keys point nowhere:\n  ${listed(keys.rows.map((row) => `${row.table} → ${row.parent}`))}`,
    );
}

async function compareRowCounts(db: DB, manifest: Manifest): Promise<void> {
  const tables = await tablesOf(db);
  const counts = await rowCountsOf(db, tables);
  const expected = manifest.database.rowCounts;
  const differences = [...new Set([...tables, ...Object.keys(expected)])]
    .sort()
    .filter((table) => counts[table] !== expected[table])
    .map((table) => `${table}: ${counts[table] ?? 'no table'} rows, the manifest says ${expected[table] ?? 'no table'}`);
  if (differences.length > 0) throw new Error(`The restored database differs from the manifest:\n  ${listed(differences)}`);
}

async function undoRestore(config: BackupConfig, target: AnyDb | null, db: DB | null, written: readonly string[]) {
  for (const path of written) await rm(path, { force: true });
  if (target) {
    await dropSchemaObjects(target).catch(() => {});
    return;
  }
  await db?.destroy().catch(() => {});
  for (const suffix of ['', '-wal', '-shm']) await rm(`${config.SQLITE_PATH}${suffix}`, { force: true });
}

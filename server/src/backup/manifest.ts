import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { type DialectName, dialectOf } from '../db/dialect.js';

/**
 * What a backup directory holds and how it is described: `manifest.json` (written last, so a directory without it is
 * no finished backup), the database (`database.sqlite`, a copy made by SQLite's online backup, or `database.pgdump`,
 * pg_dump's custom format) and `attachments/`, the content-addressed store's files the database refers to (attachments,
 * caseworkers' uploads not sent yet and the original source of every accepted mail), in the store's own layout.
 */
export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_FILE: Record<DialectName, string> = { sqlite: 'database.sqlite', postgres: 'database.pgdump' };
export const ATTACHMENTS_FOLDER = 'attachments';

const SHA256 = /^[0-9a-f]{64}$/;
/** attachments/ab/cd/abcd…: nothing in a manifest can name a path outside the backup. */
const ATTACHMENT_PATH = /^attachments\/([0-9a-f]{2})\/([0-9a-f]{2})\/(\1\2[0-9a-f]{60})$/;

const fileEntry = z.object({ sha256: z.string().regex(SHA256), bytes: z.number().int().min(0) });

export const manifestSchema = z.object({
  format: z.literal('anliegen-backup'),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  app: z.object({ version: z.string().nullable(), commit: z.string().nullable() }),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    file: z.enum([DATABASE_FILE.sqlite, DATABASE_FILE.postgres]),
    ...fileEntry.shape,
    /** The newest migration the database had: a later version restores it and migrates it further. */
    lastMigration: z.string().min(1),
    /** Rows per table at the moment of the snapshot (full-text index tables left out: the restore rebuilds them). */
    rowCounts: z.record(z.string(), z.number().int().min(0)),
  }),
  /** Every file of the store the snapshot refers to, with its path in the backup. */
  files: z.array(z.object({ path: z.string().regex(ATTACHMENT_PATH), ...fileEntry.shape })),
  /** Files the snapshot refers to that were not in the store when the backup was made (content addresses). */
  missingFiles: z.array(z.string().regex(SHA256)),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The path of a content address inside a backup (the store's layout below `attachments/`). */
export function backupPathOf(sha256: string): string {
  return `${ATTACHMENTS_FOLDER}/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const file = await open(path, 'r');
  try {
    for await (const chunk of file.createReadStream()) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } finally {
    await file.close().catch(() => {});
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Flushes a file to the disk: a backup that says it is done survives a power cut. */
export async function syncFile(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Written under a temporary name, flushed, then renamed: a manifest is either whole or absent. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const path = join(dir, MANIFEST_FILE);
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await syncFile(temporary);
  await rename(temporary, path);
}

/** The manifest of a backup directory, or an error that says why it cannot be used. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`${path} does not exist: ${dir} is no finished backup.`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${path} is not a manifest of this program's backups:\n  ${problems.join('\n  ')}`);
  }
  if (parsed.data.database.file !== DATABASE_FILE[parsed.data.database.kind])
    throw new Error(`${path}: a ${parsed.data.database.kind} backup names the database file ${parsed.data.database.file}.`);
  return parsed.data;
}

/** The version that made a backup: the root package.json's version and the git commit, where there are such. */
export function appVersion(): Manifest['app'] {
  const root = resolve(import.meta.dirname, '../../..');
  let version: string | null = null;
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    version = typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    // no package.json beside the program: no version to name
  }
  let commit: string | null = null;
  try {
    const head = readFileSync(join(root, '.git/HEAD'), 'utf8').trim();
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) commit = head;
    else if (existsSync(join(root, '.git', ref))) commit = readFileSync(join(root, '.git', ref), 'utf8').trim();
    else {
      const packed = readFileSync(join(root, '.git/packed-refs'), 'utf8');
      commit =
        packed
          .split('\n')
          .find((line) => line.endsWith(` ${ref}`))
          ?.split(' ')[0] ?? null;
    }
    if (commit && !/^[0-9a-f]{40,64}$/.test(commit)) commit = null;
  } catch {
    // not a git checkout
  }
  return { version, commit };
}

// biome-ignore lint/suspicious/noExplicitAny: reads any version's schema (a backup from an older one included)
type AnyDb = Kysely<any>;

/**
 * The database's own tables: SQLite's internal tables and the full-text index (its virtual and shadow tables, which
 * the restore rebuilds) left out; on PostgreSQL the tables of the connection's schema.
 */
export async function tablesOf(db: AnyDb): Promise<string[]> {
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_list
          where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db)
      : await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()
          order by tablename`.execute(db);
  return rows.map((row) => row.name);
}

export async function rowCountsOf(db: AnyDb, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/** The newest migration applied, or null when the database has no migrations table (no installation of this program). */
export async function lastMigrationOf(db: AnyDb, tables: readonly string[]): Promise<string | null> {
  if (!tables.includes('kysely_migration')) return null;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows[0]?.name ?? null;
}

/**
 * The store's files the database refers to: attachments, uploads not sent yet, and mails' original sources (also what
 * `deleteUnreferencedFiles` keeps). A table an older version did not have yet is skipped.
 */
export async function referencedFilesOf(db: AnyDb, tables: readonly string[]): Promise<string[]> {
  const sources = [
    { table: 'attachments', column: 'sha256' },
    { table: 'reply_uploads', column: 'sha256' },
    { table: 'interactions', column: 'raw_sha256' },
  ].filter((source) => tables.includes(source.table));
  const found = new Set<string>();
  for (const { table, column } of sources) {
    const { rows } = await sql<{ sha256: string }>`select distinct ${sql.ref(column)} as sha256 from ${sql.table(table)}
      where ${sql.ref(column)} is not null`.execute(db);
    for (const row of rows) found.add(row.sha256);
  }
  return [...found].sort();
}

export const isContentAddress = (value: string) => SHA256.test(value);

/** "1 file", "3 files": the commands' progress lines. */
export const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Copies a file and hashes what it read on the way; the copy is flushed to disk before this resolves. `wx`: never
 * overwrites (the target directories were found empty).
 */
export async function copyWithHash(source: string, target: string): Promise<{ sha256: string; bytes: number }> {
  await mkdir(dirname(target), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    createReadStream(source),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(target, { flags: 'wx' }),
  );
  await syncFile(target);
  return { sha256: hash.digest('hex'), bytes };
}

/** Runs `work` for every item, at most `limit` at a time (copying thousands of files one by one is slow on a network disk). */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

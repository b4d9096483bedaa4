import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, pingDatabase, type DatabaseHandle, type DB } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export interface TestDatabase extends DatabaseHandle {
  /** The connection string on PostgreSQL (for a second handle, as a second server process would have). */
  url?: string;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test: in-memory SQLite, or (TEST_DIALECT=postgres) a new database on the
 * server at TEST_DATABASE_URL, dropped afterwards. Tests never share state.
 * `migrate: false` leaves it empty, for the migration tests.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (process.env.TEST_DIALECT !== 'postgres') {
    const handle = openDatabase({ sqlitePath: ':memory:' });
    if (migrate) await migrateToLatest(handle.db);
    return { ...handle, destroy: () => handle.db.destroy() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DIALECT=postgres needs TEST_DATABASE_URL');
  return createPostgresDatabase(adminUrl, { migrate });
}

/** The same server, another database. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The name of a template database migrated with exactly these migrations: named after the migration files' content,
 * so a changed or added migration gets a template of its own.
 */
function templateName(): string {
  const folder = fileURLToPath(new URL('../db/migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const file of readdirSync(folder).sort()) hash.update(file).update(readFileSync(`${folder}/${file}`));
  return `anliegen_template_${hash.digest('hex').slice(0, 16)}`;
}

const templates = new Map<string, Promise<string>>();

/**
 * A migrated template database on the server, made once by whichever test worker comes first (the others wait on
 * an advisory lock) and kept for later runs. Copying it takes a fraction of the time running every migration takes,
 * which each PostgreSQL test did before. Marked `is_template` only once fully migrated: a run that died halfway
 * leaves no template, only a database the next run drops.
 */
function migratedTemplate(admin: Kysely<unknown>, adminUrl: string): Promise<string> {
  let template = templates.get(adminUrl);
  if (!template) {
    template = (async () => {
      const name = templateName();
      await sql`select pg_advisory_lock(hashtext(${name}))`.execute(admin);
      try {
        const { rows } = await sql<{
          ready: boolean;
        }>`select datistemplate as ready from pg_database where datname = ${name}`.execute(admin);
        if (rows[0]?.ready) return name;
        await sql`drop database if exists ${sql.id(name)}`.execute(admin);
        await sql`create database ${sql.id(name)}`.execute(admin);
        const handle = openDatabase({ databaseUrl: databaseUrl(adminUrl, name), sqlitePath: '' });
        try {
          await migrateToLatest(handle.db);
        } finally {
          await handle.db.destroy();
        }
        await sql`alter database ${sql.id(name)} is_template true`.execute(admin);
        return name;
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(admin);
      }
    })();
    templates.set(adminUrl, template);
    template.catch(() => templates.delete(adminUrl));
  }
  return template;
}

/** A new database on the PostgreSQL server at `adminUrl` (also for the e2e suite's server processes), dropped on destroy. */
export async function createPostgresDatabase(adminUrl: string, options: { migrate: boolean }): Promise<TestDatabase> {
  const name = `anliegen_test_${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }),
  });
  if (options.migrate) {
    const template = await migratedTemplate(admin, adminUrl);
    await sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin);
  } else {
    await sql`create database ${sql.id(name)}`.execute(admin);
  }
  const url = databaseUrl(adminUrl, name);
  const handle = openDatabase({ databaseUrl: url, sqlitePath: '' });
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.db.destroy();
      await sql`drop database if exists ${sql.id(name)}`.execute(admin);
      await admin.destroy();
    },
  };
}

export interface SecondHandle {
  db: DB;
  close(): Promise<void>;
}

/**
 * The database as another server process sees it: its own handle (own pool) on PostgreSQL; on SQLite, which runs
 * one process, the same handle.
 */
export async function secondProcessHandle(database: TestDatabase): Promise<SecondHandle> {
  if (!database.url) return { db: database.db, close: async () => {} };
  const handle = openDatabase({ databaseUrl: database.url, sqlitePath: '' });
  // Connected already, as a running process is: so its work really starts at the same moment as the other's.
  await pingDatabase(handle.db);
  return { db: handle.db, close: () => handle.db.destroy() };
}

/**
 * For a test file whose every test plays two server processes: before each test a fresh database and a second handle
 * on it (secondProcessHandle), both closed after it. Read `database` and `second` inside the tests.
 */
export function twoProcessDatabase(): { database: TestDatabase; second: SecondHandle } {
  const handles = {} as { database: TestDatabase; second: SecondHandle };
  beforeEach(async () => {
    handles.database = await createTestDatabase();
    handles.second = await secondProcessHandle(handles.database);
  });
  afterEach(async () => {
    await handles.second.close();
    await handles.database.destroy();
  });
  return handles;
}

/**
 * A database that takes no more data, as on a full disk: SQLite with `max_page_count` at its size after VACUUM (no
 * free page left), answering SQLITE_FULL exactly as a full disk would; on PostgreSQL its disk-full error (53100)
 * from a trigger on inserts into `tables`. Returns the undo.
 */
export async function fillDatabase(database: TestDatabase, tables: readonly string[]): Promise<() => Promise<void>> {
  const db = database.db;
  if (database.dialect === 'sqlite') {
    await sql`vacuum`.execute(db);
    const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!;
    await sql.raw(`pragma max_page_count = ${page_count}`).execute(db);
    return async () => {
      await sql`pragma max_page_count = 1073741823`.execute(db);
    };
  }
  await sql`create or replace function disk_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`.execute(db);
  for (const table of tables)
    await sql`create trigger disk_full before insert on ${sql.table(table)} for each row execute function disk_full()`.execute(
      db,
    );
  return async () => {
    for (const table of tables) await sql`drop trigger disk_full on ${sql.table(table)}`.execute(db);
  };
}

/** A port on this machine nobody listens on: a connection to it is refused at once. */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A PostgreSQL handle whose server is stopped: every query fails as when the database is down. */
export async function unreachableDatabase(): Promise<DatabaseHandle> {
  return openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/x`, sqlitePath: '' });
}

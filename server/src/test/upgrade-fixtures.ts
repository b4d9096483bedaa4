import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';
import { createPostgresDatabase, type TestDatabase } from './test-db.js';

/**
 * The databases of earlier releases (server/src/db/upgrade-fixtures/<version>/, made by
 * scripts/make-upgrade-fixture.sh): SQL dumps of each release's own schema and data, on SQLite and PostgreSQL.
 */
export const UPGRADE_FIXTURES_DIR = fileURLToPath(new URL('../db/upgrade-fixtures/', import.meta.url));

export interface UpgradeFixture {
  version: string;
  dir: string;
  /** The release's commit and its newest migration. */
  commit: string;
  lastMigration: string;
  /** Rows per table as the release left them, per database. */
  rows: Record<DialectName, Record<string, number>>;
}

export function upgradeFixtures(): UpgradeFixture[] {
  return readdirSync(UPGRADE_FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(UPGRADE_FIXTURES_DIR, entry.name, 'manifest.json')))
    .map((entry) => {
      const dir = join(UPGRADE_FIXTURES_DIR, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Omit<UpgradeFixture, 'dir'>;
      return { ...manifest, dir };
    })
    .sort((a, b) => a.lastMigration.localeCompare(b.lastMigration));
}

/** A dump as text: `<dialect>.sql`, or `<dialect>.sql.gz` when it grew past a megabyte. */
function dumpOf(fixture: UpgradeFixture, dialect: DialectName): string {
  const plain = join(fixture.dir, `${dialect}.sql`);
  if (existsSync(plain)) return readFileSync(plain, 'utf8');
  return gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8');
}

/**
 * A fresh database holding the release's dump, not migrated any further: a SQLite file in a temporary directory, or
 * (TEST_DIALECT=postgres) a new database on TEST_DATABASE_URL's server. Dropped by `destroy`.
 */
export async function loadUpgradeFixture(fixture: UpgradeFixture): Promise<TestDatabase> {
  if (process.env.TEST_DIALECT !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'anliegen-upgrade-'));
    const path = join(dir, 'anliegen.sqlite');
    const raw = new SQLite(path);
    // sqlite3's .dump writes full-text tables straight into sqlite_schema, which needs the defensive mode off and a
    // schema reload afterwards.
    raw.unsafeMode(true);
    raw.exec(dumpOf(fixture, 'sqlite'));
    raw.exec('pragma writable_schema = reset');
    raw.unsafeMode(false);
    raw.close();
    const handle = openDatabase({ sqlitePath: path });
    return {
      ...handle,
      destroy: async () => {
        await handle.db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DIALECT=postgres needs TEST_DATABASE_URL');
  const database = await createPostgresDatabase(adminUrl, { migrate: false });
  // pg_dump's plain INSERTs as one simple query, on a connection of its own: the dump empties its search_path.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(dumpOf(fixture, 'postgres'));
  } finally {
    await client.end();
  }
  return database;
}

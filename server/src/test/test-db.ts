import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
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
  const name = `anliegen_test_${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }),
  });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), sqlitePath: '' });
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    url: url.toString(),
    destroy: async () => {
      await handle.db.destroy();
      await sql`drop database if exists ${sql.id(name)}`.execute(admin);
      await admin.destroy();
    },
  };
}

import { type Migration, Migrator, sql } from 'kysely';
import type { Logger } from '../logger.js';
import type { DB } from './database.js';
import { dialectOf } from './dialect.js';
import { type ProgressSink, withMigrationContext } from './migration-progress.js';
import { migrations } from './migrations/index.js';

export interface MigrateOptions {
  /** Each applied migration and its time, long ones' progress (migration-progress.ts); without it progress goes to stderr. */
  log?: Pick<Logger, 'info' | 'warn'>;
  /** The migrations to run instead of this release's (tests: a later release's). */
  migrations?: Record<string, Migration>;
}

/** The migrations this code knows, each run with its name known to migrationProgress, and logged when done. */
function reportingMigrations(all: Record<string, Migration>, options: MigrateOptions): Record<string, Migration> {
  const report: ProgressSink = options.log
    ? (line, fields) => options.log!.info(fields, line)
    : (line) => process.stderr.write(`${line}\n`);
  return Object.fromEntries(
    Object.entries(all).map(([name, migration]) => [
      name,
      {
        ...migration,
        up: (db) =>
          withMigrationContext({ name, report }, async () => {
            const started = performance.now();
            await migration.up(db);
            options.log?.info({ migration: name, ms: Math.round(performance.now() - started) }, `migration ${name} applied`);
          }),
      },
    ]),
  );
}

/** The migrations the database has run; none before its first (no bookkeeping table yet). */
async function executedMigrations(db: DB): Promise<string[]> {
  const exists =
    dialectOf(db) === 'postgres'
      ? sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`
      : sql<{ found: string | null }>`select name as found from sqlite_master where type = 'table' and name = 'kysely_migration'`;
  const { rows } = await exists.execute(db);
  if (!rows[0]?.found) return [];
  const executed = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return executed.rows.map((row) => row.name);
}

/** This release's migrations the database has not run yet, changing nothing (`pnpm migrate --pending`). */
export async function pendingMigrations(db: DB): Promise<string[]> {
  const executed = new Set(await executedMigrations(db));
  return Object.keys(migrations).filter((name) => !executed.has(name));
}

/**
 * Brings the schema up to date; throws (and leaves the database as it was) when a migration fails. Returns the names
 * of the migrations it applied.
 *
 * A database that a newer release has migrated already (every migration known here has run, and the unknown ones all
 * come after the newest known one) is left as it is: during a rolling upgrade, a process of the previous release that
 * restarts must still start, and expand/contract migrations keep the newer schema usable for it
 * (docs/operations.md, "Upgrading"). Unknown migrations in between are a different history: the migrator refuses.
 */
export async function migrateToLatest(db: DB, options: MigrateOptions = {}): Promise<string[]> {
  const all = options.migrations ?? migrations;
  const known = Object.keys(all);
  const executed = await executedMigrations(db);
  const unknown = executed.filter((name) => !Object.hasOwn(all, name));
  const newestKnown = known[known.length - 1]!;
  if (unknown.length > 0 && unknown.every((name) => name > newestKnown) && known.every((name) => executed.includes(name))) {
    options.log?.warn(
      { newer: unknown },
      'the database has migrations of a newer release; this process runs on its schema until it is replaced',
    );
    return [];
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => reportingMigrations(all, options) } });
  // Kysely runs a PostgreSQL upgrade in one transaction, but not SQLite's (it does not count on transactional DDL,
  // which SQLite has): a migration failing halfway left its first statements behind, and the next start failed on
  // them. One transaction on the one connection, as on PostgreSQL (migrate-rolling.test.ts).
  const sqlite = dialectOf(db) === 'sqlite';
  if (sqlite) await sql`begin immediate`.execute(db);
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await migrator.migrateToLatest();
    if (sqlite) await sql.raw(outcome.error ? 'rollback' : 'commit').execute(db);
  } catch (error) {
    if (sqlite) await sql`rollback`.execute(db).catch(() => {});
    throw error;
  }
  const { error, results } = outcome;
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { migrateToLatest, pendingMigrations } from '../db/migrate.js';
import { loadEnv } from '../env.js';
import { createLogger } from '../logger.js';

/**
 * `pnpm migrate`: brings the configured database's schema up to date and exits, logging each migration and the
 * progress of long ones. The server does the same at start; this is the upgrade's own step (docs/operations.md,
 * "Upgrading"): run it once before restarting the processes, and watch a large database's migration here.
 * `pnpm migrate --pending` lists what would run and changes nothing.
 */
let pendingOnly: boolean | undefined;
try {
  pendingOnly = parseArgs({ options: { pending: { type: 'boolean', default: false } } }).values.pending;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\nUsage: pnpm migrate [--pending]\n`);
  process.exit(2);
}
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL, { format: env.LOG_FORMAT, file: env.LOG_FILE });
const { db, description } = openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
try {
  if (pendingOnly) {
    const pending = await pendingMigrations(db);
    console.log(
      pending.length === 0
        ? `${description} is up to date.`
        : `${description} has ${pending.length} migrations to run:\n${pending.map((name) => `  ${name}`).join('\n')}`,
    );
  } else {
    const started = Date.now();
    const applied = await migrateToLatest(db, { log });
    console.log(
      applied.length === 0
        ? `${description} is up to date.`
        : `${description}: ${applied.length} migrations applied in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
} catch (error) {
  process.stderr.write(`Could not migrate ${description}: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}

import { openDatabase } from '../db/database.js';
import { rebuildFullTextIndexes } from '../db/full-text.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadEnv } from '../env.js';

/**
 * `pnpm search:rebuild`: rebuilds the full-text index from the stored subjects and messages. Every write keeps the
 * index current; this is for a restored backup or an index suspected broken. Safe while the server runs.
 */
const env = loadEnv();
const { db, description } = openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
try {
  await migrateToLatest(db);
  const started = Date.now();
  const { messages, cases } = await rebuildFullTextIndexes(db);
  console.log(`Search index of ${description} rebuilt: ${messages} messages, ${cases} cases in ${Date.now() - started} ms.`);
} catch (error) {
  process.stderr.write(`Could not rebuild the search index: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}

import { Migrator } from 'kysely';
import type { DB } from './database.js';
import { migrations } from './migrations/index.js';

/** Brings the schema up to date; throws (and leaves the database as it was) when a migration fails. */
export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

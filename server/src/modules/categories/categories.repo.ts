import type { DB } from '../../db/database.js';

export async function listCategories(db: DB) {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'name', 'default_team_id', 'retention_days'])
    .orderBy('name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    defaultTeamId: row.default_team_id,
    /** Days after closing until its cases are anonymised; null = kept. */
    retentionDays: row.retention_days === null ? null : Number(row.retention_days),
  }));
}

/** Names of the given categories (missing ids are left out). */
export async function categoryNamesByIds(db: DB, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function findRetentionDays(db: DB, id: number): Promise<{ retentionDays: number | null } | undefined> {
  const row = await db.selectFrom('categories').select('retention_days').where('id', '=', id).executeTakeFirst();
  return row && { retentionDays: row.retention_days === null ? null : Number(row.retention_days) };
}

export async function updateRetentionDays(db: DB, id: number, retentionDays: number | null): Promise<void> {
  await db.updateTable('categories').set({ retention_days: retentionDays }).where('id', '=', id).execute();
}

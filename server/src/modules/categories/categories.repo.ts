import type { DB } from '../../db/database.js';

export async function listCategories(db: DB) {
  const rows = await db.selectFrom('categories').select(['id', 'name', 'default_team_id']).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, defaultTeamId: row.default_team_id }));
}

/** Names of the given categories (missing ids are left out). */
export async function categoryNamesByIds(db: DB, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function categoryExists(db: DB, id: number): Promise<boolean> {
  return (await db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

import type { DB } from '../../db/database.js';

export async function listCategories(db: DB) {
  const rows = await db.selectFrom('categories').select(['id', 'name', 'default_team_id']).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, defaultTeamId: row.default_team_id }));
}

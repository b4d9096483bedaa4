import type { DB } from '../../db/database.js';

export function listTeamsWithMemberCount(db: DB) {
  return db
    .selectFrom('teams')
    .leftJoin('team_memberships', 'team_memberships.team_id', 'teams.id')
    .select((eb) => [
      'teams.id',
      'teams.name',
      'teams.email_address',
      eb.fn.count<number>('team_memberships.user_id').as('member_count'),
    ])
    .groupBy(['teams.id', 'teams.name', 'teams.email_address'])
    .orderBy('teams.name')
    .execute();
}

export function findTeamById(db: DB, id: number) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countExistingTeams(db: DB, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('teams')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertTeam(db: DB, team: { name: string; emailAddress: string | null; now: number }) {
  const row = await db
    .insertInto('teams')
    .values({ name: team.name, email_address: team.emailAddress, created_at: team.now, updated_at: team.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTeam(db: DB, id: number, team: { name: string; emailAddress: string | null; now: number }) {
  await db
    .updateTable('teams')
    .set({ name: team.name, email_address: team.emailAddress, updated_at: team.now })
    .where('id', '=', id)
    .execute();
}

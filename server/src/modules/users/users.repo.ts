import { CASEWORKER_ROLES } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import type { NewUser, UserUpdate } from '../../db/schema.js';

export function findUserByEmail(db: DB, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: DB, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: DB) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'active', 'absent', 'created_at'])
    .orderBy('display_name')
    .execute();
}

export async function insertUser(db: DB, user: NewUser): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: DB, id: number, changes: UserUpdate): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Teams of the given users, for the DTOs and the session. */
export function teamsOfUsers(db: DB, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('team_memberships')
    .innerJoin('teams', 'teams.id', 'team_memberships.team_id')
    .select(['team_memberships.user_id as userId', 'teams.id', 'teams.name'])
    .where('team_memberships.user_id', 'in', userIds)
    .orderBy('teams.name')
    .execute();
}

export async function replaceMemberships(db: DB, userId: number, teamIds: readonly number[]): Promise<void> {
  await db.deleteFrom('team_memberships').where('user_id', '=', userId).execute();
  if (teamIds.length > 0) {
    await db
      .insertInto('team_memberships')
      .values(teamIds.map((teamId) => ({ team_id: teamId, user_id: userId })))
      .execute();
  }
}

/** Active staff who can take cases, with their teams' ids. */
export async function listAssignees(db: DB) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'absent'])
    .where('active', '=', 1)
    .where('role', 'in', CASEWORKER_ROLES)
    .orderBy('display_name')
    .execute();
  const teams = await teamsOfUsers(
    db,
    users.map((user) => user.id),
  );
  return users.map((user) => ({
    id: user.id,
    displayName: user.display_name,
    absent: user.absent === 1,
    teamIds: teams.filter((team) => team.userId === user.id).map((team) => team.id),
  }));
}

import type { DB } from '../../db/database.js';

/** Which responses a caller reads: all of them, or those for every team plus those of the given teams. */
export type CannedResponseScope = { kind: 'all' } | { kind: 'teams'; teamIds: readonly number[] };

export function listCannedResponses(db: DB, scope: CannedResponseScope) {
  let query = db
    .selectFrom('canned_responses')
    .leftJoin('teams', 'teams.id', 'canned_responses.team_id')
    .select([
      'canned_responses.id',
      'canned_responses.team_id',
      'teams.name as team_name',
      'canned_responses.title',
      'canned_responses.body',
      'canned_responses.updated_at',
    ]);
  if (scope.kind === 'teams') {
    const { teamIds } = scope;
    query = query.where((eb) =>
      teamIds.length === 0
        ? eb('canned_responses.team_id', 'is', null)
        : eb.or([eb('canned_responses.team_id', 'is', null), eb('canned_responses.team_id', 'in', teamIds)]),
    );
  }
  return query.execute();
}

export function findCannedResponseById(db: DB, id: number) {
  return db.selectFrom('canned_responses').select(['id', 'team_id']).where('id', '=', id).executeTakeFirst();
}

interface CannedResponseFields {
  teamId: number | null;
  title: string;
  body: string;
}

export async function insertCannedResponse(db: DB, fields: CannedResponseFields & { now: number }): Promise<number> {
  const row = await db
    .insertInto('canned_responses')
    .values({ team_id: fields.teamId, title: fields.title, body: fields.body, created_at: fields.now, updated_at: fields.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Updates the response only while it still belongs to `currentTeamId` (the team the permission check saw);
 * false when it was removed or moved in between.
 */
export async function updateCannedResponse(
  db: DB,
  id: number,
  currentTeamId: number | null,
  fields: CannedResponseFields & { now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('canned_responses')
    .set({ team_id: fields.teamId, title: fields.title, body: fields.body, updated_at: fields.now })
    .where('id', '=', id)
    .where('team_id', currentTeamId === null ? 'is' : '=', currentTeamId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes the response only while it still belongs to `currentTeamId`; false otherwise. */
export async function deleteCannedResponse(db: DB, id: number, currentTeamId: number | null): Promise<boolean> {
  const result = await db
    .deleteFrom('canned_responses')
    .where('id', '=', id)
    .where('team_id', currentTeamId === null ? 'is' : '=', currentTeamId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

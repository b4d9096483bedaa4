import type { AssignmentMode, Bundesland } from '@anliegen/shared';
import type { DB } from '../../db/database.js';

export function listTeamsWithMemberCount(db: DB) {
  return db
    .selectFrom('teams')
    .leftJoin('team_memberships', 'team_memberships.team_id', 'teams.id')
    .select((eb) => [
      'teams.id',
      'teams.name',
      'teams.email_address',
      'teams.assignment_mode',
      'teams.bundesland',
      'teams.business_hours',
      'teams.email_signature',
      eb.fn.count<number>('team_memberships.user_id').as('member_count'),
    ])
    .groupBy([
      'teams.id',
      'teams.name',
      'teams.email_address',
      'teams.assignment_mode',
      'teams.bundesland',
      'teams.business_hours',
      'teams.email_signature',
    ])
    .orderBy('teams.name')
    .execute();
}

export function findTeamById(db: DB, id: number) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Team settings as stored: opening hours as JSON text, null for the default. */
export interface TeamValues {
  name: string;
  emailAddress: string | null;
  assignmentMode: AssignmentMode;
  bundesland: Bundesland;
  businessHoursJson: string | null;
  /** Undefined: unchanged (update) or none (insert). */
  emailSignature?: string | null | undefined;
  now: number;
}

export async function insertTeam(db: DB, team: TeamValues) {
  const row = await db
    .insertInto('teams')
    .values({
      name: team.name,
      email_address: team.emailAddress,
      assignment_mode: team.assignmentMode,
      bundesland: team.bundesland,
      business_hours: team.businessHoursJson,
      email_signature: team.emailSignature ?? null,
      created_at: team.now,
      updated_at: team.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Settings left undefined stay as they are. */
export async function updateTeam(
  db: DB,
  id: number,
  team: Pick<TeamValues, 'name' | 'emailAddress' | 'now'> & Partial<Omit<TeamValues, 'name' | 'emailAddress' | 'now'>>,
) {
  await db
    .updateTable('teams')
    .set({
      name: team.name,
      email_address: team.emailAddress,
      ...(team.assignmentMode === undefined ? {} : { assignment_mode: team.assignmentMode }),
      ...(team.bundesland === undefined ? {} : { bundesland: team.bundesland }),
      ...(team.businessHoursJson === undefined ? {} : { business_hours: team.businessHoursJson }),
      ...(team.emailSignature === undefined ? {} : { email_signature: team.emailSignature }),
      updated_at: team.now,
    })
    .where('id', '=', id)
    .execute();
}

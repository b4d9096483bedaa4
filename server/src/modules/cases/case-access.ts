import { CASEWORKER_ROLES } from '@anliegen/shared';
import { expressionBuilder, type Expression, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Env } from '../../env.js';
import type { SessionUser } from '../../trpc/context.js';
import { DomainError, notFound } from '../../domain/domain-error.js';

/**
 * Which cases a caseworker may open, list, search, change and reply to, by `CASE_ACCESS`:
 * - `all`: every case (the Bürgerbüro model: whoever picks up sees everything that came before);
 * - `team`: the cases of their teams, the cases assigned to them, and the cases without a team (the general queue).
 * This module is the one place that decides: lists, search and histories filter with `visibleCases`, single-case
 * procedures check with `assertCaseAccess`, rows already loaded with `mayAccessCase`, whom a case may be given to
 * with `assignableCaseworker`.
 */
export interface CaseAccess {
  mode: Env['CASE_ACCESS'];
  userId: number;
  teamIds: readonly number[];
}

export function caseAccessOf(ctx: { env: Pick<Env, 'CASE_ACCESS'>; user: Pick<SessionUser, 'id' | 'teams'> }): CaseAccess {
  return { mode: ctx.env.CASE_ACCESS, userId: ctx.user.id, teamIds: ctx.user.teams.map((team) => team.id) };
}

/** The rule as a condition on `cases` (joined or selected from), for lists, search and a citizen's history. */
export function visibleCases(access: CaseAccess): Expression<SqlBool> {
  if (access.mode === 'all') return sql<SqlBool>`1 = 1`;
  const eb = expressionBuilder<Database, 'cases'>();
  return eb.or([
    eb('cases.team_id', 'is', null),
    eb('cases.assignee_id', '=', access.userId),
    // No teams: an impossible id keeps the query's shape (as the inbox's team view does).
    eb('cases.team_id', 'in', access.teamIds.length > 0 ? access.teamIds : [-1]),
  ]);
}

/** The same rule for a case row already loaded. */
export function mayAccessCase(access: CaseAccess, row: { team_id: number | null; assignee_id: number | null }): boolean {
  return (
    access.mode === 'all' || row.team_id === null || row.assignee_id === access.userId || access.teamIds.includes(row.team_id)
  );
}

/**
 * Single-case procedures: a case the caseworker may not open answers exactly like an unknown one (`notFound`, which
 * in `team` mode is also the answer here for an unknown id), so nobody learns that it exists. A merged case is
 * checked together with the case it leads to (writes follow the redirect).
 */
export async function assertCaseAccess(db: DB, access: CaseAccess, caseIds: readonly number[]): Promise<void> {
  if (access.mode === 'all') return;
  let ids = [...new Set(caseIds)];
  for (let hops = 0; ids.length > 0 && hops < 10; hops++) {
    const rows = await db
      .selectFrom('cases')
      .select(['team_id', 'assignee_id', 'merged_into_id'])
      .where('id', 'in', ids)
      .execute();
    if (rows.length < ids.length || rows.some((row) => !mayAccessCase(access, row))) throw notFound('Case');
    ids = rows.flatMap((row) => (row.merged_into_id === null ? [] : [row.merged_into_id]));
  }
}

/** Whether the case of a message (a failed mail to send again, an attachment) is open to the caseworker. */
export async function mayAccessInteraction(db: DB, access: CaseAccess, interactionId: number): Promise<boolean> {
  if (access.mode === 'all') return true;
  const row = await db
    .selectFrom('interactions')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .select(['cases.team_id', 'cases.assignee_id'])
    .where('interactions.id', '=', interactionId)
    .executeTakeFirst();
  return row === undefined || mayAccessCase(access, row);
}

/**
 * Whom cases may be given to (cases.update, workload.reassign, workload.setAbsent): an active caseworker (agent or
 * team lead), and with `team` one who may open each case without the assignment, that is, a member of the team the
 * case is in (or moves to), or anyone for a case without a team: else assigning would open another team's case.
 * `caseTeamIds`: the cases' teams after the change. Returns the person; refuses with BAD_REQUEST.
 */
export async function assignableCaseworker(
  db: DB,
  mode: CaseAccess['mode'],
  userId: number,
  caseTeamIds: readonly (number | null)[],
): Promise<{ id: number; display_name: string }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .where('role', 'in', CASEWORKER_ROLES)
    .executeTakeFirst();
  if (!user) {
    throw new DomainError('cases.assigneeNotCaseworker', 'Cases can only be assigned to active caseworkers');
  }
  if (mode === 'all') return user;
  const memberships = await db.selectFrom('team_memberships').select('team_id').where('user_id', '=', user.id).execute();
  const access: CaseAccess = { mode, userId: user.id, teamIds: memberships.map((row) => row.team_id) };
  if (caseTeamIds.some((teamId) => !mayAccessCase(access, { team_id: teamId, assignee_id: null }))) {
    throw new DomainError('cases.assigneeOutsideTeam', 'The assignee is not in the team of the case');
  }
  return user;
}

import { berlinDayRange, berlinIsoDay, CASEWORKER_ROLES, type reassignCasesInput, type setAbsentInput } from '@anliegen/shared';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import type { SessionUser } from '../../trpc/context.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { assignableCaseworker, type CaseAccess, visibleCases } from '../cases/case-access.js';
import { notMerged, OPEN_CASE } from '../cases/case-conditions.js';
import { caseRows } from '../cases/case-list.service.js';
import { insertInteraction } from '../cases/cases.service.js';
import type { Actor } from '../../domain/actor.js';

/** The board lists at most this many of the team's open cases. */
const BOARD_CASES = 1000;

interface Urgency {
  id: number;
  nextDueAt: number | null;
  slaPausedAt: number | null;
}

/**
 * Most urgent first, by the target the board shows (the next one: an unanswered first response before the
 * resolution): the most overdue, then the soonest due; then cases whose clock is paused (waiting for the citizen),
 * then those without a target. Issue 16: in resolution-target order, a case 9 days overdue by its first response came
 * after one 5 days overdue, and one due in 6 minutes between overdue ones.
 */
function urgencyOrder(a: Urgency, b: Urgency): number {
  const rank = (c: Urgency) => (c.nextDueAt === null ? 2 : c.slaPausedAt !== null ? 1 : 0);
  return rank(a) - rank(b) || (a.nextDueAt ?? 0) - (b.nextDueAt ?? 0) || a.id - b.id;
}

/** A team lead works on the teams they lead; anyone else's board is not theirs to see. */
function assertLeads(user: SessionUser, teamId: number): void {
  if (!user.teams.some((team) => team.id === teamId)) throw new DomainError('auth.forbidden', 'Not your team');
}

/**
 * The team lead's board: every member with their open, overdue and due-today cases, the team's unassigned
 * cases, and the team's open cases (most urgent first) to reassign.
 */
export async function teamBoard(db: DB, user: SessionUser, teamId: number, now = Date.now()) {
  assertLeads(user, teamId);
  const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('Team');
  const today = berlinIsoDay(now);
  const endOfToday = berlinDayRange(undefined, today).end as number;
  // The open cases' indexes by assignee and by team hold everything the board counts and sorts by (migration
  // 20261206000000_inbox_views); the merged filter is applied to their rows, not sought (see filterOnly).
  const open = sql<SqlBool>`${OPEN_CASE} and ${notMerged(dialectOf(db))}`;
  const people = await db
    .selectFrom('team_memberships')
    .innerJoin('users', 'users.id', 'team_memberships.user_id')
    .select(['users.id', 'users.display_name as name', 'users.absent'])
    .where('team_memberships.team_id', '=', teamId)
    .where('users.active', '=', 1)
    .where('users.role', 'in', CASEWORKER_ROLES)
    .orderBy('users.display_name')
    .execute();
  // Counted per assignee in their open cases' index (a join made PostgreSQL hash all open cases of the town).
  const counts =
    people.length === 0
      ? []
      : await db
          .selectFrom('cases')
          .select((eb) => [
            'cases.assignee_id',
            eb.fn.countAll<number>().as('open'),
            eb.fn.sum<number>(sql`case when cases.resolution_due_at < ${now} then 1 else 0 end`).as('overdue'),
            eb.fn
              .sum<number>(
                sql`case when cases.resolution_due_at >= ${now} and cases.resolution_due_at < ${endOfToday} then 1 else 0 end`,
              )
              .as('dueToday'),
          ])
          .where(
            'cases.assignee_id',
            'in',
            people.map((person) => person.id),
          )
          .where(open)
          .groupBy('cases.assignee_id')
          .execute();
  const countsOf = new Map(counts.map((row) => [row.assignee_id, row]));
  // The team's open cases, read by resolution target in the index's order, those without one last: two reads
  // (NULLS LAST cannot use the index). The board then shows them by their next target (urgencyOrder).
  const teamCases = (withTarget: boolean, limit: number) =>
    caseRows(db)
      .select(['cases.first_response_due_at as firstResponseDueAt', 'cases.version'])
      .where('cases.team_id', '=', teamId)
      .where(open)
      .where('cases.resolution_due_at', withTarget ? 'is not' : 'is', null)
      .orderBy('cases.resolution_due_at')
      .orderBy('cases.id')
      .limit(limit)
      .execute();
  const withTarget = await teamCases(true, BOARD_CASES);
  const cases = (
    withTarget.length < BOARD_CASES ? [...withTarget, ...(await teamCases(false, BOARD_CASES - withTarget.length))] : withTarget
  ).sort(urgencyOrder);
  return {
    team,
    members: people.map((person) => {
      const count = countsOf.get(person.id);
      return {
        id: person.id,
        name: person.name,
        absent: person.absent === 1,
        open: Number(count?.open ?? 0),
        overdue: Number(count?.overdue ?? 0),
        dueToday: Number(count?.dueToday ?? 0),
      };
    }),
    unassigned: cases.filter((c) => c.assigneeId === null).length,
    cases,
  };
}

type ReassignInput = z.output<typeof reassignCasesInput>;

/**
 * Moves cases to an agent and/or a team in one transaction: either every case moves, with the reason in each
 * timeline and the new agent notified, or none does.
 */
export async function reassignCases(db: DB, actor: Actor & { id: number }, input: ReassignInput, mode: CaseAccess['mode']) {
  await assertReferencesExist(db, { teamId: input.teamId });
  await unitOfWork(db, actor, (work) => moveCases(work, { ...input, mode }));
  return { moved: input.caseIds.length };
}

interface Move {
  caseIds: number[];
  /** The new agent (checked here, against each case's team after the move), or null for the queue. */
  assigneeId: number | null;
  teamId?: number | undefined;
  reason: string;
  mode: CaseAccess['mode'];
}

/** The moves of a reassignment in the caller's unit of work (by its actor); the new agent is told of each case. */
async function moveCases(work: Work, move: Move): Promise<void> {
  const { db: trx, actor } = work;
  const now = Date.now();
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'citizen_id', 'team_id', 'assignee_id', 'merged_into_id'])
    .where('id', 'in', move.caseIds)
    .execute();
  if (rows.length !== move.caseIds.length) throw notFound('Case');
  if (rows.some((row) => row.merged_into_id !== null)) {
    throw new DomainError('cases.merged', 'A merged case cannot be reassigned');
  }
  const assignee =
    move.assigneeId === null
      ? null
      : await assignableCaseworker(
          trx,
          move.mode,
          move.assigneeId,
          rows.map((row) => move.teamId ?? row.team_id),
        );
  await trx
    .updateTable('cases')
    .set((eb) => ({
      assignee_id: assignee?.id ?? null,
      ...(move.teamId !== undefined ? { team_id: move.teamId } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', 'in', move.caseIds)
    .execute();
  work.emit({ type: 'case.changed', caseIds: move.caseIds });
  for (const row of rows) {
    await insertInteraction(trx, {
      case_id: row.id,
      citizen_id: row.citizen_id,
      channel: 'note',
      direction: 'internal',
      author_id: actor.id,
      subject: null,
      text: move.reason,
      html_sanitized: null,
      occurred_at: now,
      duration_seconds: null,
      external_message_id: null,
      delivery_status: null,
      // The timeline shows the reason as a reassignment to this person (or to the queue).
      metadata: JSON.stringify({ reassignedTo: assignee?.display_name ?? '' }),
      created_at: now,
    });
    await work.audit('case.reassigned', {
      entityId: row.id,
      details: { fromAssigneeId: row.assignee_id, assigneeId: assignee?.id ?? null, teamId: move.teamId ?? null },
    });
    if (assignee && row.assignee_id !== assignee.id) {
      work.emit({ type: 'case.assigned', caseId: row.id, assigneeId: assignee.id, byId: actor.id });
    }
  }
}

/**
 * Marks a member of the lead's team absent (automatic assignment skips them) or back, and optionally moves their
 * open cases to the team's queue or to a colleague, in the same step.
 */
export async function setAbsent(
  db: DB,
  lead: SessionUser,
  actor: Actor & { id: number },
  input: z.output<typeof setAbsentInput>,
  /** The lead's case access: with CASE_ACCESS=team, cases of other teams stay with the person for their own lead. */
  access: CaseAccess,
) {
  // A lead without a team leads nobody (and `in ()` is no valid SQL on PostgreSQL).
  const sharedTeam =
    lead.teams.length === 0
      ? undefined
      : await db
          .selectFrom('team_memberships')
          .select('team_id')
          .where('user_id', '=', input.userId)
          .where(
            'team_id',
            'in',
            lead.teams.map((team) => team.id),
          )
          .executeTakeFirst();
  if (!sharedTeam) throw new DomainError('auth.forbidden', 'Not a member of your teams');
  const openCases =
    input.moveCasesTo === 'keep'
      ? []
      : await db
          .selectFrom('cases')
          .select('id')
          .where('assignee_id', '=', input.userId)
          .where(OPEN_CASE)
          .where(notMerged(dialectOf(db)))
          .where(visibleCases(access))
          .execute();
  await unitOfWork(db, actor, async (work) => {
    await work.db
      .updateTable('users')
      .set({ absent: input.absent ? 1 : 0, updated_at: Date.now() })
      .where('id', '=', input.userId)
      .execute();
    await work.audit(input.absent ? 'user.absent' : 'user.present', {
      entityId: input.userId,
      details: { moved: openCases.length },
    });
    if (openCases.length === 0) return;
    await moveCases(work, {
      caseIds: openCases.map((c) => c.id),
      assigneeId: typeof input.moveCasesTo === 'number' ? input.moveCasesTo : null,
      reason: input.reason ?? '',
      mode: access.mode,
    });
  });
  return { moved: openCases.length };
}

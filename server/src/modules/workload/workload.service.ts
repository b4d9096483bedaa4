import { berlinDayRange, CASEWORKER_ROLES, type reassignCasesInput, type setAbsentInput } from '@anliegen/shared';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { casesChanged } from '../../live/live-hub.js';
import type { SessionUser } from '../../trpc/context.js';
import { appError, notFound } from '../../trpc/errors.js';
import { type Actor, insertAuditEvent } from '../audit/audit.repo.js';
import { assignableCaseworker, type CaseAccess, visibleCases } from '../cases/case-access.js';
import { notMerged, OPEN_CASE } from '../cases/case-conditions.js';
import { caseRows } from '../cases/case-list.service.js';
import { insertInteraction } from '../interactions/interactions.repo.js';
import { announceNotifications, insertNotifications, type NewNotification } from '../notifications/notifications.service.js';

/** The board lists at most this many of the team's open cases. */
const BOARD_CASES = 1000;

/** A team lead works on the teams they lead; anyone else's board is not theirs to see. */
function assertLeads(user: SessionUser, teamId: number): void {
  if (!user.teams.some((team) => team.id === teamId)) throw appError('FORBIDDEN', 'auth.forbidden', 'Not your team');
}

/**
 * The team lead's board: every member with their open, overdue and due-today cases, the team's unassigned
 * cases, and the team's open cases (most urgent first) to reassign.
 */
export async function teamBoard(db: DB, user: SessionUser, teamId: number, now = Date.now()) {
  assertLeads(user, teamId);
  const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('Team');
  const today = new Date(now).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
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
  // Most urgent target first, cases without one last: two reads in index order (NULLS LAST cannot use the index).
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
  const cases =
    withTarget.length < BOARD_CASES ? [...withTarget, ...(await teamCases(false, BOARD_CASES - withTarget.length))] : withTarget;
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
  if (input.teamId !== undefined) {
    const team = await db.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst();
    if (!team) throw appError('BAD_REQUEST', 'teams.unknown', 'Unknown team');
  }
  const notifications = await db.transaction().execute((trx) => moveCases(trx, actor, { ...input, mode }));
  casesChanged(db, input.caseIds);
  announceNotifications(db, notifications);
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

/** The moves of a reassignment inside the caller's transaction; returns the notifications to announce. */
async function moveCases(trx: DB, actor: Actor & { id: number }, move: Move): Promise<NewNotification[]> {
  const now = Date.now();
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'citizen_id', 'team_id', 'assignee_id', 'merged_into_id'])
    .where('id', 'in', move.caseIds)
    .execute();
  if (rows.length !== move.caseIds.length) throw notFound('Case');
  if (rows.some((row) => row.merged_into_id !== null)) {
    throw appError('CONFLICT', 'cases.merged', 'A merged case cannot be reassigned');
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
  const notifications: NewNotification[] = [];
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
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'case.reassigned',
      entityType: 'case',
      entityId: row.id,
      ip: actor.ip,
      details: { fromAssigneeId: row.assignee_id, assigneeId: assignee?.id ?? null, teamId: move.teamId ?? null },
    });
    if (assignee && assignee.id !== actor.id && row.assignee_id !== assignee.id) {
      notifications.push({ userId: assignee.id, kind: 'assigned', caseId: row.id, actorId: actor.id });
    }
  }
  await insertNotifications(trx, notifications, now);
  return notifications;
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
  if (!sharedTeam) throw appError('FORBIDDEN', 'auth.forbidden', 'Not a member of your teams');
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
  const notifications = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ absent: input.absent ? 1 : 0, updated_at: Date.now() })
      .where('id', '=', input.userId)
      .execute();
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: input.absent ? 'user.absent' : 'user.present',
      entityType: 'user',
      entityId: input.userId,
      ip: actor.ip,
      details: { moved: openCases.length },
    });
    if (openCases.length === 0) return [];
    return moveCases(trx, actor, {
      caseIds: openCases.map((c) => c.id),
      assigneeId: typeof input.moveCasesTo === 'number' ? input.moveCasesTo : null,
      reason: input.reason ?? '',
      mode: access.mode,
    });
  });
  casesChanged(
    db,
    openCases.map((c) => c.id),
  );
  announceNotifications(db, notifications);
  return { moved: openCases.length };
}

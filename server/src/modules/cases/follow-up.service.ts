import { type CaseStatus, followUpDayProblem, followUpStart, OPEN_CASE_STATUSES } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { now as clockNow } from '../../domain/clock.js';
import { DomainError } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { teamLeadsByTeam } from '../users/users.service.js';

/**
 * Follow-up dates (Wiedervorlage): "wait until 15.1. for the citizen's documents". An agent sets a day with
 * `cases.update` (`followUpOn`); the case leaves the inbox's views (mine, the team's unassigned, open) until that day
 * begins in Berlin, then comes back, and the job below tells its agent, or its team's leads when nobody holds it.
 * The date does not pause the SLA: the status does (waiting for the citizen). A citizen's answer brings the case back
 * at once, and finishing it drops the date (cases.service: statusChanges; interactions.service: caseChangesFor).
 */

/** `cases.follow_up_at` for an edit's day (null clears it); refused for a finished case and a day not ahead. */
export function followUpAtFor(day: string | null, statusAfterEdit: CaseStatus, now = clockNow()): number | null {
  if (day === null) return null;
  if (!OPEN_CASE_STATUSES.includes(statusAfterEdit)) {
    throw new DomainError('cases.followUpFinished', 'A resolved or closed case waits for nothing');
  }
  switch (followUpDayProblem(day, now)) {
    case 'notFuture':
      throw new DomainError('cases.followUpNotFuture', 'A follow-up date must be after today');
    case 'tooFar':
      throw new DomainError('cases.followUpTooFar', 'A follow-up date may be at most a year ahead');
    case null:
      return followUpStart(day);
  }
}

/** At most this many cases per run; the rest on the next (the job runs every minute). */
const BATCH = 500;

/**
 * Cases whose follow-up day has come: clears their date (they are back in the inbox's views) and tells whoever
 * should pick them up: the agent who holds the case, else the leads of its team (every team lead for a case without a
 * team). Safe with several server processes: each case is claimed by one. A case that was finished or merged
 * meanwhile only loses its date. Returns how many cases came back.
 */
export async function returnDueFollowUps(db: DB, now = clockNow()): Promise<number> {
  // The few cases with a date, by date: a range in their partial index (migration 20261207010000_follow_up).
  const due = await db
    .selectFrom('cases')
    .select('id')
    .where('follow_up_at', 'is not', null)
    .where('follow_up_at', '<=', now)
    .orderBy('follow_up_at')
    .limit(BATCH)
    .execute();
  if (due.length === 0) return 0;
  return unitOfWork(db, NO_ACTOR, async (work) => {
    // Claimed with the date still due: another process, or the agent moving the date further, wins the row.
    const claimed = await work.db
      .updateTable('cases')
      .set({ follow_up_at: null })
      .where(
        'id',
        'in',
        due.map((c) => c.id),
      )
      .where('follow_up_at', 'is not', null)
      .where('follow_up_at', '<=', now)
      .returning(['id', 'status', 'team_id', 'assignee_id', 'merged_into_id'])
      .execute();
    if (claimed.length === 0) return 0;
    work.emit({ type: 'case.changed', caseIds: claimed.map((c) => c.id) });
    const back = claimed.filter((c) => c.merged_into_id === null && OPEN_CASE_STATUSES.includes(c.status));
    // The leads are read only when some case has nobody holding it.
    const leadsOf = back.some((c) => c.assignee_id === null) ? await teamLeadsByTeam(work.db) : () => [];
    for (const c of back) {
      work.emit({
        type: 'case.followUpDue',
        caseId: c.id,
        assigneeId: c.assignee_id,
        leadIds: c.assignee_id === null ? leadsOf(c.team_id) : [],
      });
    }
    return back.length;
  });
}

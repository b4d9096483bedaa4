import {
  addBusinessMinutes,
  businessHoursSchema,
  businessMinutesBetween,
  type CaseStatus,
  DEFAULT_BUSINESS_HOURS,
  type Priority,
  type ServiceCalendar,
} from '@anliegen/shared';
import type { Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { notMerged, OPEN_CASE } from '../cases/case-conditions.js';
import type { CaseRow, CasesTable } from '../../db/schema.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { teamLeadsByTeam } from '../users/users.service.js';

/**
 * Service levels: first-response and resolution targets in business hours of the case's team (opening hours and
 * its Bundesland's public holidays), paused while the case waits for the citizen.
 */

/** The team's opening hours and holidays; a case without a team counts Monday to Friday 8–16 in NRW. */
export async function calendarOf(db: DB, teamId: number | null): Promise<ServiceCalendar> {
  const team = teamId
    ? await db.selectFrom('teams').select(['business_hours', 'bundesland']).where('id', '=', teamId).executeTakeFirst()
    : undefined;
  const hours = team?.business_hours ? businessHoursSchema.safeParse(JSON.parse(team.business_hours)) : null;
  return { hours: hours?.success ? hours.data : DEFAULT_BUSINESS_HOURS, bundesland: team?.bundesland ?? 'NW' };
}

/** Business minutes (rounded) on the team's calendar from a case's creation to `at`: what statistics aggregate. */
export async function businessMinutesSince(db: DB, teamId: number | null, createdAt: number, at: number): Promise<number> {
  return Math.round(businessMinutesBetween(createdAt, at, await calendarOf(db, teamId)));
}

/** The policy for a priority and category: an exact match beats a category-only one, which beats priority-only. */
async function policyFor(db: DB, priority: Priority, categoryId: number | null) {
  const candidates = await db
    .selectFrom('sla_policies')
    .select(['priority', 'category_id', 'first_response_minutes', 'resolution_minutes'])
    .where((eb) => eb.or([eb('priority', '=', priority), eb('priority', 'is', null)]))
    .where((eb) =>
      categoryId === null
        ? eb('category_id', 'is', null)
        : eb.or([eb('category_id', '=', categoryId), eb('category_id', 'is', null)]),
    )
    .execute();
  const specificity = (p: (typeof candidates)[number]) => (p.category_id !== null ? 2 : 0) + (p.priority !== null ? 1 : 0);
  return candidates.sort((a, b) => specificity(b) - specificity(a))[0];
}

export interface SlaFacts {
  priority: Priority;
  categoryId: number | null;
  teamId: number | null;
  /** When the clock started: the case's creation. */
  since: number;
}

/** Due times for a case, or nulls when no policy applies. */
export async function dueDates(db: DB, facts: SlaFacts): Promise<Pick<CaseRow, 'first_response_due_at' | 'resolution_due_at'>> {
  const policy = await policyFor(db, facts.priority, facts.categoryId);
  if (!policy) return { first_response_due_at: null, resolution_due_at: null };
  const calendar = await calendarOf(db, facts.teamId);
  const due = (minutes: number | null) => (minutes === null ? null : addBusinessMinutes(facts.since, minutes, calendar));
  return { first_response_due_at: due(policy.first_response_minutes), resolution_due_at: due(policy.resolution_minutes) };
}

/**
 * The SLA part of a status change: waiting for the citizen stops the clock; leaving that state restarts it with
 * the business time that was left, so the due times move by exactly the paused business time.
 */
export async function slaOnStatusChange(db: DB, row: CaseRow, to: CaseStatus, now: number): Promise<Updateable<CasesTable>> {
  if (to === row.status) return {};
  if (to === 'waiting_citizen') return { sla_paused_at: row.sla_paused_at ?? now };
  if (row.sla_paused_at === null) return {};
  const pausedAt = row.sla_paused_at;
  const calendar = await calendarOf(db, row.team_id);
  const resume = (due: number | null) =>
    due === null || due <= pausedAt ? due : addBusinessMinutes(now, businessMinutesBetween(pausedAt, due, calendar), calendar);
  return {
    sla_paused_at: null,
    first_response_due_at: row.first_response_at === null ? resume(row.first_response_due_at) : row.first_response_due_at,
    resolution_due_at: resume(row.resolution_due_at),
  };
}

/**
 * Overdue cases nobody was told about yet: marks each escalated and notifies the leads of its team (or every team
 * lead when it has none) and the agent who holds it. Returns how many cases it escalated.
 */
export async function escalateOverdueCases(db: DB, now = Date.now()): Promise<number> {
  const overdue = await db
    .selectFrom('cases')
    .select(['id', 'team_id', 'assignee_id'])
    // Past its next target (the first response while none was given and it comes first, else the resolution): a
    // range in the open cases' index of targets, not a walk over every case ever due.
    .where(OPEN_CASE)
    .where('next_due_at', '<', now)
    .where(notMerged(dialectOf(db)))
    .where('escalated_at', 'is', null)
    .where('sla_paused_at', 'is', null)
    .limit(500)
    .execute();
  if (overdue.length === 0) return 0;
  const leadsOf = await teamLeadsByTeam(db);
  return unitOfWork(db, NO_ACTOR, async (work) => {
    // Claim the cases first: a second process running the same job escalates none of them again.
    const claimed = await work.db
      .updateTable('cases')
      .set({ escalated_at: now })
      .where(
        'id',
        'in',
        overdue.map((c) => c.id),
      )
      .where('escalated_at', 'is', null)
      .returning('id')
      .execute();
    // Only the cases this process claimed: another one running the job at the same time tells (and counts) its own.
    const caseIds = new Set(claimed.map((c) => c.id));
    for (const c of overdue) {
      if (caseIds.has(c.id)) {
        work.emit({ type: 'case.escalated', caseId: c.id, leadIds: leadsOf(c.team_id), assigneeId: c.assignee_id });
      }
    }
    return caseIds.size;
  });
}

import { CASEWORKER_ROLES, type Channel, OPEN_CASE_STATUSES } from '@anliegen/shared';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { PeriodPlan } from './berlin-periods.js';

/**
 * The dashboard's queries. Every count and sum is computed by the database. Per-day figures are range counts per
 * day of the range (a VALUES table of Berlin day boundaries): index range scans, no sorting of a year's rows; the
 * service rolls days up into weeks or months. Facts that would need each case's interactions (how many contacts,
 * the channel of a return or switch) and business-hour durations are stored with the case by the write path.
 */

/** Which cases and contacts a question covers. `teamIds` undefined: all teams; empty: none. */
export interface StatScope {
  teamIds?: number[] | undefined;
  categoryId?: number | undefined;
  channel?: Channel | undefined;
}

const OPEN = sql.join(OPEN_CASE_STATUSES.map((status) => sql.lit(status)));
const num = (value: unknown) => Number(value ?? 0);

/**
 * Conditions on the `cases` row: never merged, and the team and category filters. The channel filter applies to
 * the case's origin channel unless `origin` is false (figures that filter on the contact's channel instead).
 */
function caseScope(scope: StatScope, options: { origin?: boolean } = {}): RawBuilder<SqlBool> {
  const parts = [sql`cases.merged_into_id is null`];
  if (scope.teamIds !== undefined) {
    parts.push(scope.teamIds.length > 0 ? sql`cases.team_id in (${sql.join(scope.teamIds)})` : sql`1 = 0`);
  }
  if (scope.categoryId !== undefined) parts.push(sql`cases.category_id = ${scope.categoryId}`);
  if (scope.channel !== undefined && options.origin !== false) parts.push(sql`cases.origin_channel = ${scope.channel}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const inRange = (column: string, plan: PeriodPlan) =>
  sql<SqlBool>`${sql.ref(column)} >= ${plan.start} and ${sql.ref(column)} < ${plan.end}`;

/** One row per day of the range with the given counts, each a correlated subquery over the day's [start, end). */
async function perDay(db: DB, plan: PeriodPlan, counts: RawBuilder<unknown>[]) {
  const { rows } = await sql<Record<string, unknown>>`with days (day, day_start, day_end) as (${plan.dayRows()})
    select days.day, ${sql.join(counts.map((count, index) => sql`${count} as ${sql.ref(`c${index}`)}`))}
    from days`.execute(db);
  return rows.map((row) => ({ day: num(row.day), counts: counts.map((_, index) => num(row[`c${index}`])) }));
}

/**
 * Inbound contacts (not notes) per Berlin day and channel, filtered by the contact's channel. Without a team or
 * category filter the cases are not looked at: merging a case moves its interactions to the surviving case, so
 * none belong to a merged case.
 */
export async function contactsByDay(db: DB, plan: PeriodPlan, scope: StatScope, channels: readonly Channel[]) {
  const counted = scope.channel === undefined ? channels : channels.filter((channel) => channel === scope.channel);
  if (counted.length === 0) return [];
  const ofCase =
    scope.teamIds !== undefined || scope.categoryId !== undefined
      ? sql`and exists (select 1 from cases where cases.id = interactions.case_id and ${caseScope(scope, { origin: false })})`
      : sql``;
  const rows = await perDay(
    db,
    plan,
    counted.map(
      (channel) => sql`(select count(*) from interactions
        where interactions.direction = 'inbound' and interactions.channel = ${sql.lit(channel)}
          and interactions.occurred_at >= days.day_start and interactions.occurred_at < days.day_end ${ofCase})`,
    ),
  );
  return rows.flatMap((row) => counted.map((channel, index) => ({ day: row.day, channel, count: row.counts[index]! })));
}

/** Cases created and cases resolved per Berlin day. */
export async function flowByDay(db: DB, plan: PeriodPlan, scope: StatScope) {
  const count = (column: 'created_at' | 'resolved_at') =>
    sql`(select count(*) from cases where ${caseScope(scope)}
      and ${sql.ref(`cases.${column}`)} >= days.day_start and ${sql.ref(`cases.${column}`)} < days.day_end)`;
  const rows = await perDay(db, plan, [count('created_at'), count('resolved_at')]);
  return rows.map((row) => ({ day: row.day, opened: row.counts[0]!, resolved: row.counts[1]! }));
}

/** Cases open at an instant: created before it and not resolved before it. */
export async function openAt(db: DB, at: number, scope: StatScope): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('cases.created_at', '<', at)
    .where((eb) => eb.or([eb('cases.resolved_at', 'is', null), eb('cases.resolved_at', '>=', at)]))
    .where(caseScope(scope))
    .executeTakeFirstOrThrow();
  return num(row.count);
}

/** What the dashboard needs of the cases created in the range, in one pass: how many, SLA targets, re-contacts. */
export async function createdFigures(db: DB, plan: PeriodPlan, scope: StatScope, now: number) {
  // A target counts once it was met or has passed; a passed one while the clock is paused (waiting for the
  // citizen) does not, as it moves on when the case resumes, unless it had passed before the pause.
  const due = (dueAt: string, doneAt: string) =>
    sql`${sql.ref(dueAt)} is not null and (${sql.ref(doneAt)} is not null or (${sql.ref(dueAt)} < ${now} and (cases.sla_paused_at is null or cases.sla_paused_at >= ${sql.ref(dueAt)})))`;
  const met = (dueAt: string, doneAt: string) => sql`${sql.ref(doneAt)} <= ${sql.ref(dueAt)}`;
  const sumOf = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  const row = await db
    .selectFrom('cases')
    .select((eb) => [
      eb.fn.countAll<number>().as('created'),
      sumOf(due('cases.first_response_due_at', 'cases.first_response_at')).as('slaFirstResponseTotal'),
      sumOf(met('cases.first_response_due_at', 'cases.first_response_at')).as('slaFirstResponseMet'),
      sumOf(due('cases.resolution_due_at', 'cases.resolved_at')).as('slaResolutionTotal'),
      sumOf(met('cases.resolution_due_at', 'cases.resolved_at')).as('slaResolutionMet'),
      sumOf(sql`cases.contact_count >= 2`).as('recontacted'),
    ])
    .where(inRange('cases.created_at', plan))
    .where(caseScope(scope))
    .executeTakeFirstOrThrow();
  return {
    created: num(row.created),
    slaFirstResponse: { met: num(row.slaFirstResponseMet), total: num(row.slaFirstResponseTotal) },
    slaResolution: { met: num(row.slaResolutionMet), total: num(row.slaResolutionTotal) },
    recontacted: num(row.recontacted),
  };
}

/**
 * Re-contacting cases created in the range by the channel the citizen came back on (their second contact).
 * Filtered by that contact's channel, not by the case's origin.
 */
export async function returnChannels(db: DB, plan: PeriodPlan, scope: StatScope) {
  let query = db
    .selectFrom('cases')
    .select((eb) => ['cases.return_channel as channel', eb.fn.countAll<number>().as('count')])
    .where(inRange('cases.created_at', plan))
    .where(caseScope(scope, { origin: false }))
    .where('cases.return_channel', 'is not', null);
  if (scope.channel !== undefined) query = query.where('cases.return_channel', '=', scope.channel);
  const rows = await query.groupBy('cases.return_channel').execute();
  return rows.map((row) => ({ channel: row.channel as Channel, count: num(row.count) }));
}

/** Cases created in the range whose citizen continued on another channel than the origin, by the first such contact. */
export async function channelSwitchPaths(db: DB, plan: PeriodPlan, scope: StatScope) {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['cases.origin_channel as from', 'cases.switch_channel as to', eb.fn.countAll<number>().as('count')])
    .where(inRange('cases.created_at', plan))
    .where(caseScope(scope))
    .where('cases.switch_channel', 'is not', null)
    .groupBy(['cases.origin_channel', 'cases.switch_channel'])
    .execute();
  return rows.map((row) => ({ from: row.from, to: row.to as Channel, count: num(row.count) }));
}

/**
 * How many cases created in the range took how many minutes (those with a duration): one grouped scan gives every
 * rank, so median and 90th percentile come from the counts.
 */
export async function durationHistogram(
  db: DB,
  plan: PeriodPlan,
  scope: StatScope,
  column: 'first_response_minutes' | 'resolution_minutes',
) {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => [`cases.${column} as minutes`, eb.fn.countAll<number>().as('count')])
    .where(inRange('cases.created_at', plan))
    .where(caseScope(scope))
    .where(`cases.${column}`, 'is not', null)
    .groupBy(`cases.${column}`)
    .orderBy(`cases.${column}`)
    .execute();
  return rows.map((row) => ({ minutes: num(row.minutes), count: num(row.count) }));
}

/** Open and overdue cases now, per team and assignee. Overdue: the resolution target has passed, clock running. */
export async function openNowByOwner(db: DB, scope: StatScope, now: number) {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => [
      'cases.team_id as teamId',
      'cases.assignee_id as assigneeId',
      eb.fn.countAll<number>().as('open'),
      sql<number>`sum(case when cases.resolution_due_at < ${now} and cases.sla_paused_at is null then 1 else 0 end)`.as(
        'overdue',
      ),
    ])
    .where(sql<SqlBool>`cases.status in (${OPEN})`)
    .where(caseScope(scope))
    .groupBy(['cases.team_id', 'cases.assignee_id'])
    .execute();
  return rows.map((row) => ({ teamId: row.teamId, assigneeId: row.assigneeId, open: num(row.open), overdue: num(row.overdue) }));
}

/** Cases resolved in the range per team and (current) assignee, and how many of them with at most one contact. */
export async function resolvedByOwner(db: DB, plan: PeriodPlan, scope: StatScope) {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => [
      'cases.team_id as teamId',
      'cases.assignee_id as assigneeId',
      eb.fn.countAll<number>().as('resolved'),
      sql<number>`sum(case when cases.contact_count <= 1 then 1 else 0 end)`.as('singleContact'),
    ])
    .where(inRange('cases.resolved_at', plan))
    .where(caseScope(scope))
    .groupBy(['cases.team_id', 'cases.assignee_id'])
    .execute();
  return rows.map((row) => ({
    teamId: row.teamId,
    assigneeId: row.assigneeId,
    resolved: num(row.resolved),
    singleContact: num(row.singleContact),
  }));
}

/** Active caseworkers (of the given teams), by name. */
export function activeCaseworkers(db: DB, teamIds: number[] | undefined) {
  let query = db
    .selectFrom('users')
    .select(['users.id', 'users.display_name as name'])
    .where('users.active', '=', 1)
    .where('users.role', 'in', CASEWORKER_ROLES);
  if (teamIds !== undefined) {
    if (teamIds.length === 0) return Promise.resolve([]);
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('team_memberships')
          .select('team_memberships.user_id')
          .whereRef('team_memberships.user_id', '=', 'users.id')
          .where('team_memberships.team_id', 'in', teamIds),
      ),
    );
  }
  return query.orderBy('users.display_name').orderBy('users.id').execute();
}

/** Teams (the given ones), by name. */
export function teamsByName(db: DB, teamIds: number[] | undefined) {
  if (teamIds !== undefined && teamIds.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('teams').select(['teams.id', 'teams.name']);
  if (teamIds !== undefined) query = query.where('teams.id', 'in', teamIds);
  return query.orderBy('teams.name').orderBy('teams.id').execute();
}

import { CASEWORKER_ROLES, CHANNELS, type Channel, FIRST_RESPONSE_DAY_MINUTES, OPEN_CASE_STATUSES } from '@anliegen/shared';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { filterOnly } from '../cases/case-conditions.js';
import type { PeriodPlan } from './berlin-periods.js';
import { type Counts, countsByDay, inRange, type Measures, num } from './case-counts.js';

/**
 * The dashboard's queries. Every count and sum is computed by the database. Per-day figures are range counts per
 * day of the range (a VALUES table of Berlin day boundaries): index range scans, no sorting of a year's rows; the
 * service rolls days up into weeks or months. Facts that would need each case's interactions (how many contacts,
 * the channel of a return or switch) and business-hour durations are stored with the case by the write path.
 *
 * Counting by channel, duration or owner is a range count per value, not a GROUP BY: SQLite groups by sorting every
 * row (60–100 ms for a year of cases), while a count per value reads an index range exactly (migration
 * 20261126600000_statistics_counts), so none of these sorts a year's rows.
 */

/** Which cases and contacts a question covers. `teamIds` undefined: all teams; empty: none. */
export interface StatScope {
  teamIds?: number[] | undefined;
  categoryId?: number | undefined;
  channel?: Channel | undefined;
}

const OPEN = sql.join(OPEN_CASE_STATUSES.map((status) => sql.lit(status)));

/**
 * Conditions on the `cases` row: never merged, and the team and category filters. The channel filter applies to
 * the case's origin channel unless `origin` is false (figures that filter on the contact's channel instead).
 */
export function caseScope(scope: StatScope, options: { origin?: boolean } = {}): RawBuilder<SqlBool> {
  const parts = [sql`cases.merged_into_id is null`];
  if (scope.teamIds !== undefined) {
    parts.push(scope.teamIds.length > 0 ? sql`cases.team_id in (${sql.join(scope.teamIds)})` : sql`1 = 0`);
  }
  if (scope.categoryId !== undefined) parts.push(sql`cases.category_id = ${scope.categoryId}`);
  if (scope.channel !== undefined && options.origin !== false) parts.push(sql`cases.origin_channel = ${scope.channel}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Counts as the columns c0, c1, … of a select. */
const countColumns = (counts: RawBuilder<unknown>[]) =>
  sql.join(counts.map((count, index) => sql`${count} as ${sql.ref(`c${index}`)}`));
const countsOfRow = (row: Record<string, unknown> | undefined, counts: RawBuilder<unknown>[]) =>
  counts.map((_, index) => num(row?.[`c${index}`]));

/** Counts in one row, each a scalar subquery. */
async function countsOf(db: DB, counts: RawBuilder<unknown>[]): Promise<number[]> {
  if (counts.length === 0) return [];
  const { rows } = await sql<Record<string, unknown>>`select ${countColumns(counts)}`.execute(db);
  return countsOfRow(rows[0], counts);
}

/** One row per day of the range with the given counts, each a correlated subquery over the day's [start, end). */
async function perDay(db: DB, plan: PeriodPlan, counts: RawBuilder<unknown>[]) {
  const { rows } = await sql<Record<string, unknown>>`with days (day, day_start, day_end) as (${plan.dayRows()})
    select days.day, ${countColumns(counts)} from days`.execute(db);
  return rows.map((row) => ({ day: num(row.day), counts: countsOfRow(row, counts) }));
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

/**
 * An SLA target of a case counts once it was met or has passed; a passed one while the clock is paused (waiting for
 * the citizen) does not, as it moves on when the case resumes, unless it had passed before the pause.
 */
export const slaCounted = (dueAt: string, doneAt: string, now: number) =>
  sql<SqlBool>`${sql.ref(dueAt)} is not null and (${sql.ref(doneAt)} is not null or (${sql.ref(dueAt)} < ${now} and (cases.sla_paused_at is null or cases.sla_paused_at >= ${sql.ref(dueAt)})))`;
/** The target was met: done by the due time. */
export const slaMet = (dueAt: string, doneAt: string) => sql<SqlBool>`${sql.ref(doneAt)} <= ${sql.ref(dueAt)}`;
/** A re-contact: the citizen got in touch twice or more. Resolved at first contact: once (or never: recorded by staff). */
export const RECONTACTED = sql<SqlBool>`cases.contact_count >= 2`;
export const SINGLE_CONTACT = sql<SqlBool>`cases.contact_count <= 1`;
/** COUNT(*) FILTER rather than SUM(CASE …): SQLite evaluates it faster. */
export const countOf = (condition: RawBuilder<unknown>) => sql<number>`count(*) filter (where ${condition})`;

/**
 * What the dashboard and the impact figures count of the cases created in the range, per day: how many, re-contacts,
 * answered at all and within a business day, SLA targets (counted with the time of asking: a target that has passed
 * counts).
 */
export const createdMeasures = (now: number) =>
  ({
    created: sql`count(*)`,
    recontacted: countOf(RECONTACTED),
    answered: sql`count(cases.first_response_minutes)`,
    answeredWithinDay: countOf(sql`cases.first_response_minutes <= ${sql.lit(FIRST_RESPONSE_DAY_MINUTES)}`),
    slaFirstResponseTotal: countOf(slaCounted('cases.first_response_due_at', 'cases.first_response_at', now)),
    slaFirstResponseMet: countOf(slaMet('cases.first_response_due_at', 'cases.first_response_at')),
    slaResolutionTotal: countOf(slaCounted('cases.resolution_due_at', 'cases.resolved_at', now)),
    slaResolutionMet: countOf(slaMet('cases.resolution_due_at', 'cases.resolved_at')),
  }) satisfies Measures;

/** What they count of the cases resolved in the range: how many, and how many with at most one contact. */
export const RESOLVED_MEASURES = {
  resolved: sql`count(*)`,
  singleContact: countOf(SINGLE_CONTACT),
} satisfies Measures;

export type CreatedCounts = Counts<ReturnType<typeof createdMeasures>>;
export type ResolvedCounts = Counts<typeof RESOLVED_MEASURES>;

/** The cases created and those resolved in the range, per Berlin day: what the dashboard and impact figures share. */
export interface CaseDays {
  created: CreatedCounts[];
  resolved: ResolvedCounts[];
}

export async function caseDays(db: DB, plan: PeriodPlan, scope: StatScope, now: number): Promise<CaseDays> {
  const where = caseScope(scope);
  const [created, resolved] = await Promise.all([
    countsByDay(db, plan, { at: 'cases.created_at', where }, createdMeasures(now)),
    countsByDay(db, plan, { at: 'cases.resolved_at', where }, RESOLVED_MEASURES),
  ]);
  return { created, resolved };
}

/**
 * Re-contacting cases created in the range by the channel the citizen came back on (their second contact).
 * Filtered by that contact's channel, not by the case's origin.
 */
export async function returnChannels(db: DB, plan: PeriodPlan, scope: StatScope, channels: readonly Channel[]) {
  const counted = scope.channel === undefined ? channels : channels.filter((channel) => channel === scope.channel);
  const counts = await countsOf(
    db,
    counted.map(
      (channel) => sql`(select count(*) from cases where cases.return_channel = ${sql.lit(channel)}
        and ${inRange('cases.created_at', plan)} and ${caseScope(scope, { origin: false })})`,
    ),
  );
  return counted.map((channel, index) => ({ channel, count: counts[index]! }));
}

/**
 * Cases created in the range whose citizen continued on another channel than the origin, by the first such contact:
 * every path from an origin (any channel) to a contact channel, those with cases.
 */
export async function channelSwitchPaths(db: DB, plan: PeriodPlan, scope: StatScope, channels: readonly Channel[]) {
  const origins = scope.channel === undefined ? CHANNELS : [scope.channel];
  const paths = origins.flatMap((from) => channels.filter((to) => to !== from).map((to) => ({ from, to })));
  const counts = await countsOf(
    db,
    paths.map(
      ({ from, to }) => sql`(select count(*) from cases where cases.switch_channel = ${sql.lit(to)}
        and cases.origin_channel = ${sql.lit(from)} and ${inRange('cases.created_at', plan)} and ${caseScope(scope)})`,
    ),
  );
  return paths.map((path, index) => ({ ...path, count: counts[index]! })).filter((path) => path.count > 0);
}

/**
 * How many cases created in the range took how many minutes (those with a duration), ascending, so median and 90th
 * percentile come from the counts. The distinct values of all cases are walked in index order (a recursive "next
 * larger value", one index seek each; there are a few thousand), then each value's cases in scope are counted.
 */
export async function durationHistogram(
  db: DB,
  plan: PeriodPlan,
  scope: StatScope,
  column: 'first_response_minutes' | 'resolution_minutes',
) {
  const minutes = sql.ref(`cases.${column}`);
  const { rows } = await sql<{ minutes: unknown; count: unknown }>`with recursive durations (minutes) as (
      select min(${minutes}) from cases
      union all
      select (select min(${minutes}) from cases where ${minutes} > durations.minutes)
      from durations where durations.minutes is not null)
    select durations.minutes, (select count(*) from cases where ${minutes} = durations.minutes
        and ${inRange('cases.created_at', plan)} and ${caseScope(scope)}) as count
    from durations where durations.minutes is not null order by durations.minutes`.execute(db);
  return rows.map((row) => ({ minutes: num(row.minutes), count: num(row.count) })).filter((row) => row.count > 0);
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
    // Grouped by filter-only columns: else SQLite reads the cases in team order in an index that has not their
    // status, and looks up every case of the desk (0.6 s at 300,000 cases) instead of the open ones in theirs.
    .groupBy([filterOnly(dialectOf(db), 'cases.team_id'), filterOnly(dialectOf(db), 'cases.assignee_id')])
    .execute();
  return rows.map((row) => ({ teamId: row.teamId, assigneeId: row.assigneeId, open: num(row.open), overdue: num(row.overdue) }));
}

/** Cases resolved in the range that the owner (`ownerId`, a column of the outer query) holds now. */
const resolvedBy = (owner: 'assignee_id' | 'team_id', ownerId: string, plan: PeriodPlan, scope: StatScope) =>
  sql<number>`(select count(*) from cases where ${sql.ref(`cases.${owner}`)} = ${sql.ref(ownerId)}
    and ${inRange('cases.resolved_at', plan)} and ${caseScope(scope)})`;

/** Active caseworkers (of the scope's teams), by name, with the cases they resolved in the range (as assignee). */
export async function activeCaseworkers(db: DB, plan: PeriodPlan, scope: StatScope) {
  const { teamIds } = scope;
  let query = db
    .selectFrom('users')
    .select(['users.id', 'users.display_name as name', resolvedBy('assignee_id', 'users.id', plan, scope).as('resolved')])
    .where('users.active', '=', 1)
    .where('users.role', 'in', CASEWORKER_ROLES);
  if (teamIds !== undefined) {
    if (teamIds.length === 0) return [];
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('team_memberships')
          .select('team_memberships.user_id')
          .whereRef('team_memberships.user_id', '=', 'users.id')
          .where('team_memberships.team_id', 'in', teamIds),
      ),
    );
  }
  const rows = await query.orderBy('users.display_name').orderBy('users.id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, resolved: num(row.resolved) }));
}

/** Teams (the scope's), by name, with the cases of the team resolved in the range. */
export async function teamsByName(db: DB, plan: PeriodPlan, scope: StatScope) {
  const { teamIds } = scope;
  if (teamIds !== undefined && teamIds.length === 0) return [];
  let query = db
    .selectFrom('teams')
    .select(['teams.id', 'teams.name', resolvedBy('team_id', 'teams.id', plan, scope).as('resolved')]);
  if (teamIds !== undefined) query = query.where('teams.id', 'in', teamIds);
  const rows = await query.orderBy('teams.name').orderBy('teams.id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, resolved: num(row.resolved) }));
}

/**
 * Drill-down (issue 16): which rows one figure counts, as conditions built from the same parts as the figure's count
 * above (caseScope, inRange and the figure's own columns), so the list holds exactly the counted rows.
 * statistics.drilldown.test.ts compares both on generated data. `at` is the instant the figure is about (the
 * contact, the creation or the resolution), the list's order with `key` (the contact's or the case's id).
 */
export type DrillFigure =
  | { kind: 'contacts'; channel: Channel; start: number; end: number }
  | { kind: 'opened' | 'resolved'; start: number; end: number }
  | { kind: 'backlog'; end: number }
  | { kind: 'recontacts'; channel: Channel }
  | { kind: 'switches'; from: Channel; to: Channel }
  | { kind: 'workload'; owner: 'assignee_id' | 'team_id'; ownerId: number; measure: 'open' | 'overdue' | 'resolved' };

export interface DrillRow {
  caseId: number;
  reference: string;
  subject: string;
  status: string;
  teamName: string | null;
  assigneeName: string | null;
  citizenId: number;
  at: number;
  key: number;
}

const between = (column: string, start: number, end: number) =>
  sql<SqlBool>`${sql.ref(column)} >= ${start} and ${sql.ref(column)} < ${end}`;

/** The figure's condition and the instant it is about; null when the figure counts nothing under this scope. */
function drillCondition(
  figure: DrillFigure,
  plan: PeriodPlan,
  scope: StatScope,
  now: number,
): { where: RawBuilder<SqlBool>; at: string } | null {
  switch (figure.kind) {
    case 'contacts': {
      // As contactsByDay: the contact's channel; the case only when a team or category is asked for.
      if (figure.channel === 'note' || (scope.channel !== undefined && scope.channel !== figure.channel)) return null;
      const ofCase =
        scope.teamIds !== undefined || scope.categoryId !== undefined ? caseScope(scope, { origin: false }) : sql`1 = 1`;
      return {
        where: sql<SqlBool>`interactions.direction = 'inbound' and interactions.channel = ${figure.channel}
          and ${between('interactions.occurred_at', figure.start, figure.end)} and ${ofCase}`,
        at: 'interactions.occurred_at',
      };
    }
    case 'opened':
      return {
        where: sql<SqlBool>`${between('cases.created_at', figure.start, figure.end)} and ${caseScope(scope)}`,
        at: 'cases.created_at',
      };
    case 'resolved':
      return {
        where: sql<SqlBool>`${between('cases.resolved_at', figure.start, figure.end)} and ${caseScope(scope)}`,
        at: 'cases.resolved_at',
      };
    case 'backlog':
      // Open at the end of the period: created before it, not resolved before it (the dashboard's running sum).
      return {
        where: sql<SqlBool>`cases.created_at < ${figure.end} and (cases.resolved_at is null or cases.resolved_at >= ${figure.end})
          and ${caseScope(scope)}`,
        at: 'cases.created_at',
      };
    case 'recontacts':
      if (scope.channel !== undefined && scope.channel !== figure.channel) return null;
      return {
        where: sql<SqlBool>`cases.return_channel = ${figure.channel} and ${inRange('cases.created_at', plan)}
          and ${caseScope(scope, { origin: false })}`,
        at: 'cases.created_at',
      };
    case 'switches':
      return {
        where: sql<SqlBool>`cases.switch_channel = ${figure.to} and cases.origin_channel = ${figure.from}
          and ${inRange('cases.created_at', plan)} and ${caseScope(scope)}`,
        at: 'cases.created_at',
      };
    case 'workload': {
      const owner = sql<SqlBool>`${sql.ref(`cases.${figure.owner}`)} = ${figure.ownerId} and ${caseScope(scope)}`;
      if (figure.measure === 'resolved') {
        return { where: sql<SqlBool>`${owner} and ${inRange('cases.resolved_at', plan)}`, at: 'cases.resolved_at' };
      }
      const overdue =
        figure.measure === 'overdue' ? sql`and cases.resolution_due_at < ${now} and cases.sla_paused_at is null` : sql``;
      return { where: sql<SqlBool>`${owner} and cases.status in (${OPEN}) ${overdue}`, at: 'cases.created_at' };
    }
  }
}

/** One page of the rows a figure counts, in the order of `at` and `key`, after the given position. */
export async function drillDown(
  db: DB,
  plan: PeriodPlan,
  scope: StatScope,
  figure: DrillFigure,
  now: number,
  page: { after?: { at: number; key: number } | undefined; limit: number },
): Promise<DrillRow[]> {
  const condition = drillCondition(figure, plan, scope, now);
  if (!condition) return [];
  const contacts = figure.kind === 'contacts';
  const at = sql.ref(condition.at);
  const key = sql.ref(contacts ? 'interactions.id' : 'cases.id');
  const after = page.after
    ? sql`and (${at} > ${page.after.at} or (${at} = ${page.after.at} and ${key} > ${page.after.key}))`
    : sql``;
  const from = contacts ? sql`interactions inner join cases on cases.id = interactions.case_id` : sql`cases`;
  const { rows } = await sql<Record<string, unknown>>`select cases.id as case_id, cases.reference, cases.subject, cases.status,
      cases.citizen_id, teams.name as team_name, users.display_name as assignee_name, ${at} as at, ${key} as row_key
    from ${from}
      left join teams on teams.id = cases.team_id
      left join users on users.id = cases.assignee_id
    where ${condition.where} ${after}
    order by ${at}, ${key}
    limit ${sql.lit(page.limit)}`.execute(db);
  return rows.map((row) => ({
    caseId: num(row.case_id),
    reference: String(row.reference),
    subject: String(row.subject),
    status: String(row.status),
    teamName: row.team_name == null ? null : String(row.team_name),
    assigneeName: row.assignee_name == null ? null : String(row.assignee_name),
    citizenId: num(row.citizen_id),
    at: num(row.at),
    key: num(row.row_key),
  }));
}

import { FIRST_RESPONSE_DAY_MINUTES } from '@anliegen/shared';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import { dialectOf, withoutJit } from '../../db/dialect.js';
import { filterOnlyCondition } from '../cases/case-conditions.js';
import type { FeedbackSolved } from '../../db/schema.js';
import type { PeriodPlan } from './berlin-periods.js';
import {
  caseScope,
  countOf,
  inRange,
  num,
  RECONTACTED,
  SINGLE_CONTACT,
  slaCounted,
  slaMet,
  type StatScope,
} from './statistics.repo.js';

/**
 * The counts behind the impact figures (issue 18), each population read once per question: the cases created in
 * the range, those resolved in it, the survey's answers given in it and its invitations sent in it. Every count is
 * one of the measures below, taken either per Berlin day of the range (the service rolls days up into the
 * dashboard's periods and the range's total) or per value of one of the case's columns (the breakdown by channel,
 * team or category). Both use the same conditions as the dashboard (caseScope, inRange, the SLA and re-contact
 * conditions of statistics.repo.ts), so a figure here equals the dashboard's of the same name.
 *
 * One pass per population: the rows of a day are range scans of the population's covering index (cases_stats_*,
 * feedback_stats_idx, survey_invitations_created_idx), the case of an answer or invitation one primary-key lookup.
 */

/** What the counts are grouped by: each Berlin day of the range, or a column of the case (`null` when it has none). */
export type ImpactGrouping = { kind: 'day' } | { kind: 'column'; column: 'origin_channel' | 'team_id' | 'category_id' };

type Measures = Record<string, RawBuilder<unknown>>;

/** The cases created in the range; the SLA's counts need the time of asking (a target that has passed counts). */
const createdMeasures = (now: number) =>
  ({
    created: sql`count(*)`,
    recontacted: countOf(RECONTACTED),
    answered: sql`count(cases.first_response_minutes)`,
    answeredWithinDay: countOf(sql`cases.first_response_minutes <= ${sql.lit(FIRST_RESPONSE_DAY_MINUTES)}`),
    slaTotal: countOf(slaCounted('cases.resolution_due_at', 'cases.resolved_at', now)),
    slaMet: countOf(slaMet('cases.resolution_due_at', 'cases.resolved_at')),
  }) satisfies Measures;

const RESOLVED = {
  resolved: sql`count(*)`,
  singleContact: countOf(SINGLE_CONTACT),
} satisfies Measures;

const ratingIs = (rating: number) => countOf(sql`feedback.rating = ${sql.lit(rating)}`);
const solvedIs = (answer: FeedbackSolved) => countOf(sql`feedback.solved = ${sql.lit(answer)}`);
const FEEDBACK = {
  answers: sql`count(*)`,
  rated: sql`count(feedback.rating)`,
  ratingSum: sql`coalesce(sum(feedback.rating), 0)`,
  rating1: ratingIs(1),
  rating2: ratingIs(2),
  rating3: ratingIs(3),
  rating4: ratingIs(4),
  rating5: ratingIs(5),
  solvedAnswered: sql`count(feedback.solved)`,
  solvedYes: solvedIs('yes'),
  solvedPartly: solvedIs('partly'),
  solvedNo: solvedIs('no'),
} satisfies Measures;

const INVITED = {
  invited: sql`count(*)`,
  answered: sql`count(feedback.case_id)`,
} satisfies Measures;

export type CreatedCounts = Record<keyof ReturnType<typeof createdMeasures>, number>;
export type ResolvedCounts = Record<keyof typeof RESOLVED, number>;
export type FeedbackCounts = Record<keyof typeof FEEDBACK, number>;
export type InvitedCounts = Record<keyof typeof INVITED, number>;

/**
 * One population's rows of a question: its table, the joins to its case, the instant that places a row in the range,
 * and whether the case is only looked up (an answer's or invitation's case, by its id): then its conditions are
 * filter-only, so the planner reads the rows by their instant and never seeks the merged flag in a cases index.
 */
interface Population {
  table: 'cases' | 'feedback' | 'survey_invitations';
  joins: RawBuilder<unknown>;
  at: string;
  caseLookedUp: boolean;
}

const POPULATIONS = {
  created: { table: 'cases', joins: sql``, at: 'cases.created_at', caseLookedUp: false },
  resolved: { table: 'cases', joins: sql``, at: 'cases.resolved_at', caseLookedUp: false },
  // An answer counts for the day it was first given; changing it later does not move it.
  feedback: {
    table: 'feedback',
    joins: sql`inner join cases on cases.id = feedback.case_id`,
    at: 'feedback.created_at',
    caseLookedUp: true,
  },
  invited: {
    table: 'survey_invitations',
    joins: sql`inner join cases on cases.id = survey_invitations.case_id
      left join feedback on feedback.case_id = survey_invitations.case_id`,
    at: 'survey_invitations.created_at',
    caseLookedUp: true,
  },
} satisfies Record<string, Population>;

export interface GroupCounts<M> {
  /** The day's index in the range (grouping by day), or the column's value (null: the case has none). */
  key: number | string | null;
  counts: M;
}

async function countBy<M extends Measures>(
  db: DB,
  population: Population,
  measures: M,
  plan: PeriodPlan,
  scope: StatScope,
  grouping: ImpactGrouping,
): Promise<GroupCounts<Record<keyof M, number>>[]> {
  const names = Object.keys(measures) as (keyof M & string)[];
  const columns = sql.join(names.map((name) => sql`${measures[name]} as ${sql.ref(name)}`));
  const at = sql.ref(population.at);
  const table = sql.table(population.table);
  const cases = population.caseLookedUp ? filterOnlyCondition(dialectOf(db), caseScope(scope)) : caseScope(scope);
  const query =
    grouping.kind === 'day'
      ? // The days are the outer loop, each a range of the population's index, so rows arrive day by day; the
        // days are materialised in order, which tells SQLite so: it groups them as they come instead of sorting a
        // year's rows (impact.plan.test.ts). PostgreSQL groups by hashing either way.
        sql<Record<string, unknown>>`with days (day, day_start, day_end) as materialized (
          select column1, column2, column3 from (${plan.dayRows()}) as day_rows order by 1)
        select days.day as group_key, ${columns}
        from days inner join ${table} on ${at} >= days.day_start and ${at} < days.day_end ${population.joins}
        where ${cases}
        group by days.day`
      : sql<Record<string, unknown>>`select ${sql.ref(`cases.${grouping.column}`)} as group_key, ${columns}
        from ${table} ${population.joins}
        where ${inRange(population.at, plan)} and ${cases}
        group by ${sql.ref(`cases.${grouping.column}`)}`;
  const { rows } = await query.execute(db);
  return rows.map((row) => ({
    key: row.group_key === null || row.group_key === undefined ? null : (row.group_key as number | string),
    counts: Object.fromEntries(names.map((name) => [name, num(row[name])])) as Record<keyof M, number>,
  }));
}

/** The impact counts of a question, each population grouped alike. */
export function impactCounts(db: DB, plan: PeriodPlan, scope: StatScope, grouping: ImpactGrouping, now: number) {
  // Each population on a connection of its own (PostgreSQL reads them side by side), without JIT (see withoutJit).
  return Promise.all([
    withoutJit(db, (read) => countBy(read, POPULATIONS.created, createdMeasures(now), plan, scope, grouping)),
    withoutJit(db, (read) => countBy(read, POPULATIONS.resolved, RESOLVED, plan, scope, grouping)),
    withoutJit(db, (read) => countBy(read, POPULATIONS.feedback, FEEDBACK, plan, scope, grouping)),
    withoutJit(db, (read) => countBy(read, POPULATIONS.invited, INVITED, plan, scope, grouping)),
  ]);
}

/** Zero counts of each population, for days and groups without rows. */
export const emptyCounts = {
  created: (): CreatedCounts => zeros(createdMeasures(0)),
  resolved: (): ResolvedCounts => zeros(RESOLVED),
  feedback: (): FeedbackCounts => zeros(FEEDBACK),
  invited: (): InvitedCounts => zeros(INVITED),
};
function zeros<M extends Measures>(measures: M): Record<keyof M, number> {
  return Object.fromEntries(Object.keys(measures).map((name) => [name, 0])) as Record<keyof M, number>;
}

/** Adds counts (same measures) into the first. */
export function addCounts<M extends Record<string, number>>(into: M, counts: M): M {
  for (const name of Object.keys(counts) as (keyof M)[]) (into[name] as number) += counts[name] as number;
  return into;
}

export interface CommentRow {
  caseId: number;
  createdAt: number;
  rating: number | null;
  solved: FeedbackSolved | null;
  comment: string;
  teamName: string | null;
  categoryName: string | null;
  /** The citizen's names, only to take them out of the comment (never shown). */
  givenName: string | null;
  familyName: string | null;
}

/**
 * A page of the answers with a comment given in the range (newest first, by keyset on the answer's first time and
 * the case), of the cases the scope covers; anonymised cases are left out (their comment is erased with them).
 */
export async function commentRows(
  db: DB,
  plan: PeriodPlan,
  scope: StatScope,
  options: { rating?: number | undefined; before?: { at: number; caseId: number } | undefined; limit: number },
): Promise<CommentRow[]> {
  // Read backwards in feedback_comments_idx (its predicate repeated literally, as SQLite needs it) from the keyset's
  // position until the page is full; the rest (rating, the case's filters) only filters what was read.
  const conditions: (RawBuilder<SqlBool> | Expression<SqlBool>)[] = [
    sql`feedback.comment is not null`,
    sql`feedback.comment <> ''`,
    inRange('feedback.created_at', plan),
    filterOnlyCondition(dialectOf(db), sql<SqlBool>`${caseScope(scope)} and cases.anonymised_at is null`),
  ];
  if (options.rating !== undefined) conditions.push(sql`feedback.rating = ${options.rating}`);
  if (options.before) {
    const { at, caseId } = options.before;
    conditions.push(sql`feedback.created_at <= ${at} and (feedback.created_at < ${at} or feedback.case_id < ${caseId})`);
  }
  const { rows } = await sql<Record<string, unknown>>`select feedback.case_id, feedback.created_at, feedback.rating,
      feedback.solved, feedback.comment, teams.name as team_name, categories.name as category_name,
      citizens.given_name, citizens.family_name
    from feedback
      inner join cases on cases.id = feedback.case_id
      inner join citizens on citizens.id = cases.citizen_id
      left join teams on teams.id = cases.team_id
      left join categories on categories.id = cases.category_id
    where ${sql.join(conditions, sql` and `)}
    order by feedback.created_at desc, feedback.case_id desc
    limit ${sql.lit(options.limit)}`.execute(db);
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return rows.map((row) => ({
    caseId: num(row.case_id),
    createdAt: num(row.created_at),
    rating: row.rating === null ? null : num(row.rating),
    solved: text(row.solved) as FeedbackSolved | null,
    comment: String(row.comment),
    teamName: text(row.team_name),
    categoryName: text(row.category_name),
    givenName: text(row.given_name),
    familyName: text(row.family_name),
  }));
}

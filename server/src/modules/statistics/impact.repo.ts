import type { FeedbackSolved } from '@anliegen/shared';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { filterOnlyCondition } from '../cases/case-conditions.js';
import type { PeriodPlan } from './berlin-periods.js';
import { type CountColumn, type Counts, countsByDay, countsByDayAndColumn, inRange, type Measures, num } from './case-counts.js';
import { caseScope, countOf, createdMeasures, RESOLVED_MEASURES, type StatScope } from './statistics.repo.js';

/**
 * The counts behind the impact figures (issue 18) beyond the cases created and resolved (statistics.repo.ts's
 * caseDays, shared with the dashboard): the survey's answers given in the range and its invitations sent in it. The
 * case keeps what the statistics need of both (cases.survey_invited_at, feedback_at, feedback_rating,
 * feedback_solved, written with the answer and the invitation by modules/feedback), so each is a range of a covering
 * index of the cases, filtered like every other figure (caseScope), without looking up a case per answer.
 */

const ratingIs = (rating: number) => countOf(sql`cases.feedback_rating = ${sql.lit(rating)}`);
const solvedIs = (answer: FeedbackSolved) => countOf(sql`cases.feedback_solved = ${sql.lit(answer)}`);
/** The answers first given in the range (changing an answer later does not move it to another day). */
export const FEEDBACK_MEASURES = {
  answers: sql`count(*)`,
  rated: sql`count(cases.feedback_rating)`,
  ratingSum: sql`sum(cases.feedback_rating)`,
  rating1: ratingIs(1),
  rating2: ratingIs(2),
  rating3: ratingIs(3),
  rating4: ratingIs(4),
  rating5: ratingIs(5),
  solvedAnswered: sql`count(cases.feedback_solved)`,
  solvedYes: solvedIs('yes'),
  solvedPartly: solvedIs('partly'),
  solvedNo: solvedIs('no'),
} satisfies Measures;

/** The invitations sent in the range, and of them those answered (at any time). */
export const INVITED_MEASURES = {
  invited: sql`count(*)`,
  answered: sql`count(cases.feedback_at)`,
} satisfies Measures;

export type FeedbackCounts = Counts<typeof FEEDBACK_MEASURES>;
export type InvitedCounts = Counts<typeof INVITED_MEASURES>;

const feedbackOf = (scope: StatScope) => ({ at: 'cases.feedback_at', where: caseScope(scope) });
const invitedOf = (scope: StatScope) => ({ at: 'cases.survey_invited_at', where: caseScope(scope) });

/** The survey's answers and invitations per Berlin day of the range. */
export async function surveyDays(db: DB, plan: PeriodPlan, scope: StatScope) {
  const [feedback, invited] = await Promise.all([
    countsByDay(db, plan, feedbackOf(scope), FEEDBACK_MEASURES),
    countsByDay(db, plan, invitedOf(scope), INVITED_MEASURES),
  ]);
  return { feedback, invited };
}

/** The four populations' counts per day and per value of the case's column (a breakdown with its series). */
export async function impactByDayAndColumn(db: DB, plan: PeriodPlan, scope: StatScope, column: CountColumn, now: number) {
  const where = caseScope(scope);
  const [created, resolved, feedback, invited] = await Promise.all([
    countsByDayAndColumn(db, plan, { at: 'cases.created_at', where }, createdMeasures(now), column),
    countsByDayAndColumn(db, plan, { at: 'cases.resolved_at', where }, RESOLVED_MEASURES, column),
    countsByDayAndColumn(db, plan, feedbackOf(scope), FEEDBACK_MEASURES, column),
    countsByDayAndColumn(db, plan, invitedOf(scope), INVITED_MEASURES, column),
  ]);
  return { created, resolved, feedback, invited };
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

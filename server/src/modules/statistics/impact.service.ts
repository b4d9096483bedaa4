import {
  type Channel,
  FEEDBACK_COMMENTS_PAGE,
  type feedbackCommentsInput,
  fractionValue,
  IMPACT_METRICS,
  type ImpactBreakdown,
  type ImpactFraction,
  type impactInput,
  type ImpactMetric,
  type ImpactVerdict,
  impactVerdict,
  targetFromMilli,
} from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { FeedbackSolved } from '../../db/schema.js';
import type { SessionUser } from '../../trpc/context.js';
import { type PeriodPlan, planPeriods } from './berlin-periods.js';
import { addCounts, type CountColumn, zeroCounts } from './case-counts.js';
import { withoutPersonalData } from './comment-privacy.js';
import {
  commentRows,
  FEEDBACK_MEASURES,
  type FeedbackCounts,
  impactByDayAndColumn,
  INVITED_MEASURES,
  type InvitedCounts,
  surveyDays,
} from './impact.repo.js';
import { impactTargets, type TargetMap } from './impact-targets.service.js';
import {
  type CaseDays,
  caseDays,
  type CreatedCounts,
  createdMeasures,
  RESOLVED_MEASURES,
  type ResolvedCounts,
  type StatScope,
} from './statistics.repo.js';
import { CONTACT_CHANNELS, scopeOf } from './statistics-scope.js';

/**
 * The impact figures (issue 18) of a question, each beside its target: what the statistics page shows and what the
 * public page (/anliegen/kennzahlen) publishes, from these same functions, so both agree for the same period.
 *
 * Definitions (the figures are the dashboard's where it has them; shared/src/impact.ts names them):
 * - first response within a business day: cases created in the range that have been answered, those whose first
 *   answer came within 480 business minutes (cases.first_response_minutes, on the team's calendar). Cases not
 *   answered yet are not in it (their business time is known once answered): the SLA figure counts them once
 *   their target has passed;
 * - first-contact resolution, resolution within the SLA, re-contact rate: exactly the dashboard's
 *   firstContactResolution, slaResolution and recontacts (statistics.service.ts);
 * - satisfaction: the answers first given in the range (feedback.created_at) of the cases the filters cover: the
 *   mean of their ratings (answers without a rating left out), how many gave each rating, and "gelöst": the share of
 *   "ja" among the answers that say whether the matter was solved;
 * - response rate: of the cases invited to the survey in the range (survey_invitations.created_at), those with an
 *   answer (given at any time: an answer comes after its invitation).
 * Filters are the dashboard's: the team and category of the case, the channel the case came in on. Merged cases
 * count nowhere. A figure is judged against the team's target when the question names one team (or, in the
 * breakdown by team, for each team) and it has one, else against the desk's; not at all below MIN_GROUP_CASES.
 */

type Counts = { created: CreatedCounts; resolved: ResolvedCounts; feedback: FeedbackCounts; invited: InvitedCounts };

type Population = keyof Counts;
const POPULATIONS: Population[] = ['created', 'resolved', 'feedback', 'invited'];

/** Zeros of every measure, copied for each day, period and group (the measures' SQL is not built again). */
const ZERO: Counts = {
  created: zeroCounts(createdMeasures(0)),
  resolved: zeroCounts(RESOLVED_MEASURES),
  feedback: zeroCounts(FEEDBACK_MEASURES),
  invited: zeroCounts(INVITED_MEASURES),
};
const emptyOf = (): Counts => ({
  created: { ...ZERO.created },
  resolved: { ...ZERO.resolved },
  feedback: { ...ZERO.feedback },
  invited: { ...ZERO.invited },
});

/** Adds each population's counts into the first. */
function addAll(into: Counts, counts: Counts): Counts {
  for (const population of POPULATIONS) {
    addCounts(into[population] as Record<string, number>, counts[population] as Record<string, number>);
  }
  return into;
}

/** Each figure as an exact fraction of its counts. */
function fractionsOf(counts: Counts): Record<ImpactMetric, ImpactFraction> {
  const { created, resolved, feedback, invited } = counts;
  return {
    first_response_within_day: { part: created.answeredWithinDay, total: created.answered },
    first_contact_resolution: { part: resolved.singleContact, total: resolved.resolved },
    resolved_within_sla: { part: created.slaResolutionMet, total: created.slaResolutionTotal },
    recontact_rate: { part: created.recontacted, total: created.created },
    satisfaction: { part: feedback.ratingSum, total: feedback.rated },
    solved_share: { part: feedback.solvedYes, total: feedback.solvedAnswered },
    response_rate: { part: invited.answered, total: invited.invited },
  };
}

export interface ImpactTargetOfFigure {
  /** In the unit admins enter: per cent for a share, points for the rating. */
  value: number;
  milli: number;
  /** Whose target it is: the team's own, or the desk's. */
  scope: 'desk' | 'team';
}

export interface ImpactFigure extends ImpactFraction {
  metric: ImpactMetric;
  /** part / total (a share 0–1, or the mean rating), null without cases. */
  value: number | null;
  target: ImpactTargetOfFigure | null;
  /** Null without a target or with fewer than MIN_GROUP_CASES (then too few to judge). */
  verdict: ImpactVerdict | null;
}

function targetOf(targets: TargetMap, metric: ImpactMetric, teamId: number | null): ImpactTargetOfFigure | null {
  const own = teamId === null ? undefined : targets.get(metric)?.get(teamId);
  const milli = own ?? targets.get(metric)?.get(null);
  if (milli === undefined) return null;
  return { value: targetFromMilli(metric, milli), milli, scope: own === undefined ? 'desk' : 'team' };
}

function figuresOf(counts: Counts, targets: TargetMap, teamId: number | null): ImpactFigure[] {
  const fractions = fractionsOf(counts);
  return IMPACT_METRICS.map((metric) => {
    const fraction = fractions[metric];
    const target = targetOf(targets, metric, teamId);
    return {
      metric,
      ...fraction,
      value: fractionValue(fraction),
      target,
      verdict: target === null ? null : impactVerdict(metric, fraction, target.milli),
    };
  });
}

type GroupKey = Channel | number | null;

/** Each population's counts per day and value, as the counts per day and the counts per value. */
function daysAndValues(read: Awaited<ReturnType<typeof impactByDayAndColumn>>) {
  const days = read.created.map(() => emptyOf());
  const values = new Map<GroupKey, Counts>();
  for (const population of POPULATIONS) {
    read[population].forEach((perValue, day) => {
      for (const [value, counts] of perValue) {
        const key = value as GroupKey;
        if (!values.has(key)) values.set(key, emptyOf());
        addCounts(days[day]![population] as Record<string, number>, counts);
        addCounts(values.get(key)![population] as Record<string, number>, counts);
      }
    });
  }
  return { days, values };
}

export interface ImpactBreakdownRow {
  /** The channel, or the team's or category's id; null: cases without a team or category. */
  key: Channel | number | null;
  /** The team's or category's name (channels are named by the client). */
  name: string | null;
  figures: ImpactFigure[];
}

export interface ImpactResult {
  /** Each figure over the whole range, beside its target. */
  figures: ImpactFigure[];
  /** Each figure per period of the range (the dashboard's periods), as fractions. */
  series: { period: string; figures: Record<ImpactMetric, ImpactFraction> }[];
  satisfaction: {
    /** Answers given in the range, of them how many gave each rating 1–5, and how many said solved yes/partly/no. */
    answers: number;
    ratings: [number, number, number, number, number];
    solved: Record<FeedbackSolved, number>;
  };
  survey: { invited: number; answered: number };
  breakdown: { by: ImpactBreakdown; rows: ImpactBreakdownRow[] } | null;
}

/** The question's scope and whose target applies: the team when it names one. */
export interface ImpactQuestion {
  plan: PeriodPlan;
  scope: StatScope;
  teamId: number | null;
}

/**
 * The impact figures of a question (statistics page and public page alike). `caseDaysRead`: the cases created and
 * resolved per day when the caller reads them anyway (the dashboard); a breakdown reads every population per day
 * and value at once, and sums the days from it.
 */
export async function impactOf(
  db: DB,
  question: ImpactQuestion,
  by: ImpactBreakdown | undefined,
  now: number,
  caseDaysRead?: Promise<CaseDays>,
): Promise<ImpactResult> {
  const { plan, scope } = question;
  const [targets, read] = await Promise.all([
    impactTargets(db),
    by === undefined
      ? dayCounts(db, question, now, caseDaysRead)
      : impactByDayAndColumn(db, plan, scope, columnOf(by), now).then(daysAndValues),
  ]);
  const perPeriod = plan.periods.map(() => emptyOf());
  plan.periodOfDay.forEach((period, day) => {
    addAll(perPeriod[period]!, read.days[day]!);
  });
  const total = perPeriod.reduce(addAll, emptyOf());
  const { feedback } = total;
  return {
    figures: figuresOf(total, targets, question.teamId),
    series: plan.periods.map((period, index) => ({ period, figures: fractionsOf(perPeriod[index]!) })),
    satisfaction: {
      answers: feedback.answers,
      ratings: [feedback.rating1, feedback.rating2, feedback.rating3, feedback.rating4, feedback.rating5],
      solved: { yes: feedback.solvedYes, partly: feedback.solvedPartly, no: feedback.solvedNo },
    },
    survey: { invited: total.invited.invited, answered: total.invited.answered },
    breakdown:
      by === undefined || read.values === null ? null : { by, rows: await breakdownRows(db, by, read.values, question, targets) },
  };
}

/** Every population's counts per day, without values. */
async function dayCounts(db: DB, question: ImpactQuestion, now: number, caseDaysRead: Promise<CaseDays> | undefined) {
  const [cases, survey] = await Promise.all([
    caseDaysRead ?? caseDays(db, question.plan, question.scope, now),
    surveyDays(db, question.plan, question.scope),
  ]);
  const days = cases.created.map((created, day) => ({
    created,
    resolved: cases.resolved[day]!,
    feedback: survey.feedback[day]!,
    invited: survey.invited[day]!,
  }));
  return { days, values: null };
}

const columnOf = (by: ImpactBreakdown): CountColumn =>
  by === 'channel' ? 'origin_channel' : by === 'team' ? 'team_id' : 'category_id';

/**
 * One row per channel, team or category the question covers (in the order of the app's lists), with zeros where
 * nothing happened, and a row for cases without a team or category when there are such. A team's row is judged
 * against the team's own targets; every other row against the question's.
 */
async function breakdownRows(
  db: DB,
  by: ImpactBreakdown,
  groups: Map<GroupKey, Counts>,
  question: ImpactQuestion,
  targets: TargetMap,
): Promise<ImpactBreakdownRow[]> {
  const listed = await groupsOf(db, by, question.scope);
  // Cases of a channel or group not listed (none, or an internal note's origin) still count in a row of their own.
  const known = new Set(listed.map((row) => row.key));
  for (const key of groups.keys()) if (!known.has(key)) listed.push({ key, name: null });
  return listed.map(({ key, name }) => ({
    key,
    name,
    figures: figuresOf(groups.get(key) ?? emptyOf(), targets, by === 'team' ? (key as number | null) : question.teamId),
  }));
}

/** The channels, teams or categories a question covers, as the app lists them (teams and categories by name). */
async function groupsOf(
  db: DB,
  by: ImpactBreakdown,
  scope: StatScope,
): Promise<{ key: Channel | number | null; name: string | null }[]> {
  if (by === 'channel') {
    return CONTACT_CHANNELS.filter((channel) => scope.channel === undefined || channel === scope.channel).map((channel) => ({
      key: channel,
      name: null,
    }));
  }
  const only = by === 'team' ? scope.teamIds : scope.categoryId === undefined ? undefined : [scope.categoryId];
  const rows = await db
    .selectFrom(by === 'team' ? 'teams' : 'categories')
    .select(['id', 'name'])
    // 0 is no id: an empty list asks for nothing.
    .$if(only !== undefined, (query) => query.where('id', 'in', [...(only ?? []), 0]))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ key: row.id, name: row.name }));
}

/** The statistics page's impact figures, for the user's teams (team leads: their own). */
export function impactFigures(db: DB, user: SessionUser, input: z.output<typeof impactInput>, now = Date.now()) {
  const { question } = input;
  return impactOf(
    db,
    {
      plan: planPeriods(question.from, question.to, question.groupBy),
      scope: scopeOf(user, question),
      teamId: question.teamId ?? null,
    },
    input.by,
    now,
  );
}

export interface FeedbackComment {
  /** When the answer was first given. */
  at: number;
  rating: number | null;
  solved: FeedbackSolved | null;
  /** The citizen's words, without email addresses, phone numbers or their own names. */
  comment: string;
  teamName: string | null;
  categoryName: string | null;
}

/**
 * The citizens' comments for the statistics page (supervisors, admins, team leads for their teams): the words with
 * rating, "gelöst", day, team and category, never who wrote them nor how to reach them, and nothing that leads to
 * the case (no reference, no subject). Newest first, FEEDBACK_COMMENTS_PAGE per page by keyset.
 */
export async function feedbackComments(
  db: DB,
  user: SessionUser,
  input: z.output<typeof feedbackCommentsInput>,
): Promise<{ items: FeedbackComment[]; nextCursor: string | null }> {
  const { question } = input;
  const [at, caseId] = input.cursor ? input.cursor.split('.').map(Number) : [];
  const rows = await commentRows(db, planPeriods(question.from, question.to, question.groupBy), scopeOf(user, question), {
    rating: input.rating,
    before: at !== undefined && caseId !== undefined ? { at, caseId } : undefined,
    limit: FEEDBACK_COMMENTS_PAGE + 1,
  });
  const page = rows.slice(0, FEEDBACK_COMMENTS_PAGE);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      at: row.createdAt,
      rating: row.rating,
      solved: row.solved,
      comment: withoutPersonalData(row.comment, [row.givenName, row.familyName]),
      teamName: row.teamName,
      categoryName: row.categoryName,
    })),
    nextCursor: rows.length > FEEDBACK_COMMENTS_PAGE && last ? `${last.createdAt}.${last.caseId}` : null,
  };
}

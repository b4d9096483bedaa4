/**
 * Impact figures against targets (issue 18): the figures a desk commits to at the start, how each is judged against
 * its target (met / near / missed) and the rules of the published figures. No zod here: the statistics page and the
 * server's public page use it alike. What each figure counts is defined once, with the queries, in
 * server/src/modules/statistics/impact.service.ts (and docs/public-figures.md for the public ones).
 */

/**
 * The figures a target can be set for:
 * - first_response_within_day: share of the answered cases created in the range whose first answer came within one
 *   business day (FIRST_RESPONSE_DAY_MINUTES business minutes on the team's calendar);
 * - first_contact_resolution: share of the cases resolved in the range whose citizen got in touch once (the 115
 *   promise: "resolved at first contact"; the dashboard's figure of that name);
 * - resolved_within_sla: share of the cases created in the range whose resolution target was met, of those whose
 *   target was met or has passed (the dashboard's "Frist Erledigung eingehalten");
 * - recontact_rate: share of the cases created in the range whose citizen had to get in touch again (two or more
 *   contacts; the dashboard's re-contact rate). Lower is better;
 * - satisfaction: the mean rating (1–5) of the answers given in the range;
 * - solved_share: share of "ja" among the answers given in the range that say whether the matter was solved;
 * - response_rate: share of the cases invited to the survey in the range that have an answer.
 */
export const IMPACT_METRICS = [
  'first_response_within_day',
  'first_contact_resolution',
  'resolved_within_sla',
  'recontact_rate',
  'satisfaction',
  'solved_share',
  'response_rate',
] as const;
export type ImpactMetric = (typeof IMPACT_METRICS)[number];

/** A share (0–1, shown in per cent) or a mean rating on the scale 1–5. */
export type ImpactUnit = 'share' | 'rating';

/** Whether a figure meets its target at or above it (most) or at or below it (the re-contact rate). */
export type ImpactDirection = 'atLeast' | 'atMost';

export const IMPACT_METRIC_SPEC: Record<ImpactMetric, { unit: ImpactUnit; direction: ImpactDirection }> = {
  first_response_within_day: { unit: 'share', direction: 'atLeast' },
  first_contact_resolution: { unit: 'share', direction: 'atLeast' },
  resolved_within_sla: { unit: 'share', direction: 'atLeast' },
  recontact_rate: { unit: 'share', direction: 'atMost' },
  satisfaction: { unit: 'rating', direction: 'atLeast' },
  solved_share: { unit: 'share', direction: 'atLeast' },
  response_rate: { unit: 'share', direction: 'atLeast' },
};

/** One business day: 8 hours of the default opening hours (the dashboard's "1 Tag = 8 Std."). */
export const FIRST_RESPONSE_DAY_MINUTES = 480;

/**
 * "Near" the target: within 5 percentage points of a share's target, within 0.2 points of a rating's, on the wrong
 * side of it (in thousandths of the unit, as targets are stored).
 */
export const NEAR_MARGIN_MILLI: Record<ImpactUnit, number> = { share: 50, rating: 200 };

/** No figure is judged or published for fewer cases (or answers) than this: too few to say anything, and too close to one person. */
export const MIN_GROUP_CASES = 10;

/** The published figures cover the last 30 Berlin days, today included. */
export const PUBLIC_FIGURES_DAYS = 30;

export type ImpactVerdict = 'met' | 'near' | 'missed';

/**
 * A figure as an exact fraction: for a share `part` of `total` cases, for the mean rating the sum of the ratings
 * (`part`) over the number of ratings (`total`). The value is part / total, null without any case.
 */
export interface ImpactFraction {
  part: number;
  total: number;
}

export const fractionValue = ({ part, total }: ImpactFraction): number | null => (total === 0 ? null : part / total);

/**
 * Met, near or missed, compared exactly (whole numbers: part · 1000 against target · total, no rounding of shares
 * such as 0.7 · 100). Null when there is nothing to judge: no case, or fewer than MIN_GROUP_CASES.
 */
export function impactVerdict(metric: ImpactMetric, value: ImpactFraction, targetMilli: number): ImpactVerdict | null {
  if (value.total < MIN_GROUP_CASES) return null;
  const { unit, direction } = IMPACT_METRIC_SPEC[metric];
  const margin = NEAR_MARGIN_MILLI[unit];
  const scaled = value.part * 1000;
  const at = (target: number) => target * value.total;
  if (direction === 'atLeast') return scaled >= at(targetMilli) ? 'met' : scaled >= at(targetMilli - margin) ? 'near' : 'missed';
  return scaled <= at(targetMilli) ? 'met' : scaled <= at(targetMilli + margin) ? 'near' : 'missed';
}

/** A target as admins enter and read it: per cent for a share (80 = 80 %), points for a rating (4 = 4.0). */
export const targetFromMilli = (metric: ImpactMetric, milli: number): number =>
  IMPACT_METRIC_SPEC[metric].unit === 'share' ? milli / 10 : milli / 1000;

export const targetToMilli = (metric: ImpactMetric, target: number): number =>
  Math.round(IMPACT_METRIC_SPEC[metric].unit === 'share' ? target * 10 : target * 1000);

/** The breakdowns of the impact figures on the statistics page. */
export const IMPACT_BREAKDOWNS = ['channel', 'team', 'category'] as const;
export type ImpactBreakdown = (typeof IMPACT_BREAKDOWNS)[number];

/** How many comments one page of the supervisors' list holds. */
export const FEEDBACK_COMMENTS_PAGE = 50;

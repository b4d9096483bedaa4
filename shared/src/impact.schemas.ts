import { z } from 'zod';
import { IMPACT_BREAKDOWNS, IMPACT_METRIC_SPEC, IMPACT_METRICS } from './impact.js';
import { statisticsInput } from './statistics.schemas.js';
import { idSchema } from './users.schemas.js';

/** Whole multiples of 10^-decimals, allowing for the binary fractions of typed decimals (80.1 · 10 = 800.9999…). */
const hasDecimals = (value: number, decimals: number) => {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};

/**
 * A target for one figure, for the whole desk (`teamId` null) or one team, as admins enter it: a share in per cent
 * (0–100, one decimal), the mean rating in points (1–5, two decimals). Saving a figure's target for a scope that
 * has one replaces it.
 */
export const impactTargetInput = z
  .object({
    metric: z.enum(IMPACT_METRICS),
    teamId: idSchema.nullable(),
    target: z.number().finite(),
  })
  .superRefine((input, ctx) => {
    const share = IMPACT_METRIC_SPEC[input.metric].unit === 'share';
    const fits = share
      ? input.target >= 0 && input.target <= 100 && hasDecimals(input.target, 1)
      : input.target >= 1 && input.target <= 5 && hasDecimals(input.target, 2);
    if (!fits) ctx.addIssue({ code: 'custom', message: share ? 'impact.shareRange' : 'impact.ratingRange', path: ['target'] });
  });
export type ImpactTargetInput = z.input<typeof impactTargetInput>;

export const impactTargetIdInput = z.object({ id: idSchema });

/** Whether the figures are published at /anliegen/kennzahlen (and as JSON). */
export const publicFiguresInput = z.object({ enabled: z.boolean() });

/** The impact figures for the statistics page's question, optionally broken down by channel, team or category. */
export const impactInput = z.object({
  question: statisticsInput,
  by: z.enum(IMPACT_BREAKDOWNS).optional(),
});
export type ImpactInput = z.input<typeof impactInput>;

/** The citizens' comments for the statistics page's question, newest first, optionally of one rating only. */
export const feedbackCommentsInput = z.object({
  question: statisticsInput,
  rating: z.number().int().min(1).max(5).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,16}\.\d{1,16}$/)
    .optional(),
});
export type FeedbackCommentsInput = z.input<typeof feedbackCommentsInput>;

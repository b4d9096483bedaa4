import { z } from 'zod';
import { type Channel, STAT_GROUPINGS } from './domain.js';
import { channelSchema } from './domain.schemas.js';
import { idSchema } from './users.schemas.js';

/** The longest range one dashboard covers: a year (and a day for leap years). */
export const MAX_STAT_DAYS = 366;

const isoDay = z.iso.date();

/**
 * The statistics dashboard's question: an inclusive range of Berlin calendar days, a grouping, and optional filters
 * (the case's team and category; the contact's channel). Team leads may only ask about their own teams.
 */
export const statisticsInput = z
  .object({
    from: isoDay,
    to: isoDay,
    groupBy: z.enum(STAT_GROUPINGS).default('week'),
    teamId: idSchema.optional(),
    categoryId: idSchema.optional(),
    channel: channelSchema.optional(),
  })
  .refine((input) => input.from <= input.to, { message: 'stats.rangeOrder', path: ['to'] })
  .refine((input) => (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 < MAX_STAT_DAYS, {
    message: 'stats.rangeTooLong',
    path: ['to'],
  });
export type StatisticsInput = z.input<typeof statisticsInput>;

/** Median and 90th percentile (nearest rank) of durations in business minutes; null when there is no case. */
export interface DurationFigures {
  count: number;
  median: number | null;
  p90: number | null;
}

/** A share: `part` of `total`; `rate` is part / total, or null when total is 0. */
export interface Share {
  part: number;
  total: number;
  rate: number | null;
}

/**
 * What the dashboard shows. Periods are keys like "2026-03-02" (day), "2026-W10" (ISO week) or "2026-03" (month),
 * every period of the range in order, also those without data (zeros).
 */
export interface StatisticsResult {
  periods: string[];
  /** Inbound contacts (what citizens sent or said) per period and channel. */
  contacts: { period: string; channel: Channel; count: number }[];
  /** Cases opened (created) and resolved per period. */
  flow: { period: string; opened: number; resolved: number }[];
  /** Cases open at the end of each period (created by then, not resolved by then). */
  backlog: { period: string; open: number }[];
  /** For cases created in the range: business minutes to the first answer, and to resolution. */
  firstResponse: DurationFigures;
  resolution: DurationFigures;
  /** SLA attainment for cases created in the range whose target has passed or been met. */
  slaFirstResponse: Share;
  slaResolution: Share;
  /** Cases resolved in the range whose citizen got in touch only once. */
  firstContactResolution: Share;
  /** Cases created in the range where the citizen had to get in touch again, and on which channel they came back. */
  recontacts: Share & { byChannel: { channel: Channel; count: number }[] };
  /** Cases created in the range that continued on another channel than they started on, by first switch. */
  channelSwitches: Share & { paths: { from: Channel; to: Channel; count: number }[] };
  /** Workload now (open, overdue) and in the range (resolved), per agent and per team. */
  workload: {
    agents: { id: number; name: string; open: number; overdue: number; resolved: number }[];
    teams: { id: number; name: string; open: number; overdue: number; resolved: number }[];
  };
}

/** A period key of the dashboard: a day "2026-03-02", an ISO week "2026-W10" or a month "2026-03". */
const periodKeySchema = z.string().regex(/^\d{4}-(W\d{2}|\d{2}(-\d{2})?)$/);

/**
 * One figure of the dashboard, as the bar or table cell that shows it (issue 16, drill-down): the cases (for
 * contacts: the contacts) it counts are listed for exactly the question it was computed for.
 * - contacts: inbound contacts of a period on a channel; opened / resolved: cases created / resolved in a period;
 *   backlog: cases open at the end of a period;
 * - recontacts: cases of the range that came back on a channel; switches: cases of the range that went from one
 *   channel to another;
 * - workload: an agent's or a team's open or overdue cases now, or those resolved in the range.
 */
export const statFigureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contacts'), period: periodKeySchema, channel: channelSchema }),
  z.object({ kind: z.enum(['opened', 'resolved', 'backlog']), period: periodKeySchema }),
  z.object({ kind: z.literal('recontacts'), channel: channelSchema }),
  z.object({ kind: z.literal('switches'), from: channelSchema, to: channelSchema }),
  z.object({
    kind: z.literal('workload'),
    owner: z.enum(['agent', 'team']),
    ownerId: idSchema,
    measure: z.enum(['open', 'overdue', 'resolved']),
  }),
]);
export type StatFigure = z.infer<typeof statFigureSchema>;

/** Most cases one page of a drill-down lists; the next page follows by its cursor. */
export const STAT_CASES_PAGE = 50;

/** The cases behind a figure: the dashboard's question, the figure, and where the last page ended. */
export const statisticsCasesInput = z.object({
  question: statisticsInput,
  figure: statFigureSchema,
  cursor: z
    .string()
    .regex(/^\d{1,16}\.\d{1,16}$/)
    .optional(),
});
export type StatisticsCasesInput = z.input<typeof statisticsCasesInput>;

/** Whether the weekly statistics report comes by email to the signed-in user. */
export const weeklyReportSettingInput = z.object({ enabled: z.boolean() });

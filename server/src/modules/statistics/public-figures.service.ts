import {
  berlinIsoDay,
  type Channel,
  type ImpactMetric,
  type ImpactVerdict,
  MIN_GROUP_CASES,
  PUBLIC_FIGURES_DAYS,
} from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { planPeriods } from './berlin-periods.js';
import { type ImpactFigure, impactOf } from './impact.service.js';
import { durationHistogram } from './statistics.repo.js';
import { durationFigures } from './statistics.service.js';
import { CONTACT_CHANNELS } from './statistics-scope.js';

/**
 * The published figures (/anliegen/kennzahlen and its JSON, issue 18): the last PUBLIC_FIGURES_DAYS Berlin days of
 * the whole desk, computed by the statistics page's own functions (impactOf, the dashboard's first-response
 * histogram), so they equal what a supervisor sees for the same days without filters. A figure of fewer than
 * MIN_GROUP_CASES cases (or answers) is withheld (null, with the reason): too few to say anything, and too close to
 * one person. Documented for open-data users in docs/public-figures.md.
 */

/** Why a figure is not given. */
export type WithheldReason = 'too_few_cases';

export interface PublicShare {
  /** 0–1; null when withheld. */
  value: number | null;
  /** How many cases (or answers) it is a share of. */
  base: number;
  /** The desk's target (0–1), or null without one. */
  target: number | null;
  verdict: ImpactVerdict | null;
  withheld: WithheldReason | null;
}

export interface PublicFigures {
  /** The Berlin days covered, both included. */
  period: { from: string; to: string; days: number };
  generatedAt: string;
  /** Business minutes to the first answer, per channel the case came in on: the median of its answered cases. */
  firstResponse: {
    channel: Exclude<Channel, 'note'>;
    cases: number;
    medianMinutes: number | null;
    withheld: WithheldReason | null;
  }[];
  firstResponseWithinDay: PublicShare;
  resolvedWithinTarget: PublicShare;
  satisfaction: {
    /** Answers given in the period. */
    answers: number;
    /** The mean rating 1–5 and its target (points); null when withheld. */
    mean: {
      value: number | null;
      base: number;
      target: number | null;
      verdict: ImpactVerdict | null;
      withheld: WithheldReason | null;
    };
    solved: PublicShare;
  };
}

const DAY_MS = 86_400_000;
/** An ISO day `days` before another (calendar arithmetic, no time zone involved). */
const isoDayBefore = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/** The period of the published figures at an instant: the last PUBLIC_FIGURES_DAYS Berlin days, today included. */
export function publicPeriod(now: number): { from: string; to: string } {
  const to = berlinIsoDay(now);
  return { from: isoDayBefore(to, PUBLIC_FIGURES_DAYS - 1), to };
}

const withheldBelow = (base: number): WithheldReason | null => (base < MIN_GROUP_CASES ? 'too_few_cases' : null);

function publicShare(figure: ImpactFigure): PublicShare {
  const withheld = withheldBelow(figure.total);
  return {
    value: withheld ? null : figure.value,
    base: figure.total,
    // Published as shares (0–1) like the values; admins enter per cent.
    target: figure.target === null ? null : figure.target.milli / 1000,
    verdict: withheld ? null : figure.verdict,
    withheld,
  };
}

export async function publicFigures(db: DB, now = Date.now()): Promise<PublicFigures> {
  const { from, to } = publicPeriod(now);
  const plan = planPeriods(from, to, 'week');
  const [impact, ...histograms] = await Promise.all([
    impactOf(db, { plan, scope: {}, teamId: null }, undefined, now),
    ...CONTACT_CHANNELS.map((channel) => durationHistogram(db, plan, { channel }, 'first_response_minutes')),
  ]);
  const figure = (metric: ImpactMetric) => impact.figures.find((item) => item.metric === metric)!;
  const satisfaction = figure('satisfaction');
  const meanWithheld = withheldBelow(satisfaction.total);
  return {
    period: { from, to, days: PUBLIC_FIGURES_DAYS },
    generatedAt: new Date(now).toISOString(),
    firstResponse: CONTACT_CHANNELS.map((channel, index) => {
      const { count, median } = durationFigures(histograms[index]!);
      const withheld = withheldBelow(count);
      return { channel, cases: count, medianMinutes: withheld ? null : median, withheld };
    }),
    firstResponseWithinDay: publicShare(figure('first_response_within_day')),
    resolvedWithinTarget: publicShare(figure('resolved_within_sla')),
    satisfaction: {
      answers: impact.satisfaction.answers,
      mean: {
        value: meanWithheld ? null : satisfaction.value,
        base: satisfaction.total,
        target: satisfaction.target?.value ?? null,
        verdict: meanWithheld ? null : satisfaction.verdict,
        withheld: meanWithheld,
      },
      solved: publicShare(figure('solved_share')),
    },
  };
}

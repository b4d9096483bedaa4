import {
  type Channel,
  type DurationFigures,
  type CaseStatus,
  type Share,
  STAT_CASES_PAGE,
  type StatisticsResult,
  type statisticsCasesInput,
  type statisticsInput,
} from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { SessionUser } from '../../trpc/context.js';
import { DomainError } from '../../domain/domain-error.js';
import { planPeriods } from './berlin-periods.js';

export { isoWeekKey } from './berlin-periods.js';
import { addCounts, zeroCounts } from './case-counts.js';
import { type ImpactResult, impactOf } from './impact.service.js';
import {
  activeCaseworkers,
  caseDays,
  contactsByDay,
  channelSwitchPaths,
  type CreatedCounts,
  createdMeasures,
  type DrillFigure,
  drillDown,
  durationHistogram,
  openAt,
  openNowByOwner,
  RESOLVED_MEASURES,
  type ResolvedCounts,
  returnChannels,
  teamsByName,
} from './statistics.repo.js';
import { CONTACT_CHANNELS, type ContactChannel, scopeOf } from './statistics-scope.js';

/**
 * The supervisor dashboard (figures only: counts, ids and staff names; no free text, no citizens).
 *
 * Definitions beyond the comments of StatisticsResult:
 * - Days are Berlin calendar days; weeks are ISO weeks (Monday first), months calendar months. The first and
 *   last period may be cut by the range.
 * - A contact is an inbound interaction on email, web form, phone or counter (internal notes are none).
 * - Filters: team and category apply to the case (for contacts: the case the contact belongs to). The channel
 *   filter applies to the contact's channel for `contacts` and `recontacts.byChannel`, and to the case's origin
 *   channel for every case-based figure (flow, backlog, durations, SLA, first-contact resolution, the re-contact
 *   and channel-switch shares, workload). Merged cases count nowhere.
 * - Backlog: open at the end of a period = created before it and not resolved before it; a reopened case has no
 *   resolution time any more and so counts as open since its creation.
 * - Durations: business minutes on the case's team calendar, stored when the first answer is given and when the
 *   case is resolved; median and 90th percentile by nearest rank (the value at rank ⌈p·n⌉).
 * - SLA: among cases created in the range with a target, those whose target was met (answered / resolved by the
 *   due time) of those whose target was met or has passed (a passed target paused while waiting for the citizen
 *   does not count yet: it moves when the case resumes).
 * - First-contact resolution: cases resolved in the range with at most one contact.
 * - Re-contacts: cases created in the range with two or more contacts; byChannel: such cases by the channel of
 *   their second contact (the first return).
 * - Channel switches: cases created in the range with a contact on another channel than the case's origin; paths
 *   by the first such contact (origin → its channel).
 *   (A case's contacts are counted on the case as they are recorded: cases.contact_count, return_channel and
 *   switch_channel, kept by insertInteraction and recounted when cases are merged.)
 * - Workload: active agents and team leads (members of the filtered teams), teams (the filtered ones); open and
 *   overdue (resolution target passed, clock not paused) now, resolved in the range by the current assignee.
 */

type Input = z.output<typeof statisticsInput>;

const share = (part: number, total: number): Share => ({ part, total, rate: total === 0 ? null : part / total });

/** Median and 90th percentile by nearest rank (the value at rank ⌈p·n⌉) from counts per value, ascending. */
export function durationFigures(histogram: { minutes: number; count: number }[]): DurationFigures {
  const count = histogram.reduce((total, bucket) => total + bucket.count, 0);
  const atRank = (p: number) => {
    const rank = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const bucket of histogram) {
      seen += bucket.count;
      if (seen >= rank) return bucket.minutes;
    }
    return null;
  };
  return { count, median: count === 0 ? null : atRank(0.5), p90: count === 0 ? null : atRank(0.9) };
}

/**
 * The statistics page's figures for a question: the dashboard, and the impact figures beside their targets (issue
 * 18) for the same question. Both count from the same read of the cases created and resolved per day (caseDays).
 */
export async function dashboard(
  db: DB,
  user: SessionUser,
  input: Input,
  now = Date.now(),
): Promise<StatisticsResult & { impact: ImpactResult }> {
  const scope = scopeOf(user, input);
  const plan = planPeriods(input.from, input.to, input.groupBy);
  const days = caseDays(db, plan, scope, now);
  const [impact, { created: createdDays, resolved: resolvedDays }, contacts, openAtStart, ...rest] = await Promise.all([
    impactOf(db, { plan, scope, teamId: input.teamId ?? null }, undefined, now, days),
    days,
    contactsByDay(db, plan, scope, CONTACT_CHANNELS),
    openAt(db, plan.start, scope),
    returnChannels(db, plan, scope, CONTACT_CHANNELS),
    channelSwitchPaths(db, plan, scope, CONTACT_CHANNELS),
    openNowByOwner(db, scope, now),
    activeCaseworkers(db, plan, scope),
    teamsByName(db, plan, scope),
    durationHistogram(db, plan, scope, 'first_response_minutes'),
    durationHistogram(db, plan, scope, 'resolution_minutes'),
  ]);
  const [returnRows, switches, openNow, agents, teams, ...durations] = rest;

  const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
  const perPeriod = () => plan.periods.map(() => 0);
  const contactCounts = new Map(CONTACT_CHANNELS.map((channel) => [channel, perPeriod()]));
  for (const row of contacts) contactCounts.get(row.channel as ContactChannel)![plan.periodOfDay[row.day]!]! += row.count;
  const opened = perPeriod();
  const closed = perPeriod();
  const created: CreatedCounts = zeroCounts(createdMeasures(now));
  const resolved: ResolvedCounts = zeroCounts(RESOLVED_MEASURES);
  plan.periodOfDay.forEach((period, day) => {
    opened[period]! += createdDays[day]!.created;
    closed[period]! += resolvedDays[day]!.resolved;
    addCounts(created, createdDays[day]!);
    addCounts(resolved, resolvedDays[day]!);
  });
  // Open at the end of each period: open at the start of the range, plus opened, minus resolved since.
  let open = openAtStart;
  const backlog = plan.periods.map((period, index) => {
    open += opened[index]! - closed[index]!;
    return { period, open };
  });
  const [firstResponse, resolution] = durations.map(durationFigures) as [DurationFigures, DurationFigures];

  const byOwner = (key: 'teamId' | 'assigneeId', owner: { id: number; name: string; resolved: number }) => {
    const openRows = openNow.filter((row) => row[key] === owner.id);
    return {
      id: owner.id,
      name: owner.name,
      open: sum(openRows, (row) => row.open),
      overdue: sum(openRows, (row) => row.overdue),
      resolved: owner.resolved,
    };
  };
  const paths = switches.sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const returns = CONTACT_CHANNELS.map((channel) => ({
    channel: channel as Channel,
    count: returnRows.find((row) => row.channel === channel)?.count ?? 0,
  }));

  return {
    periods: plan.periods,
    contacts: plan.periods.flatMap((period, index) =>
      CONTACT_CHANNELS.map((channel) => ({ period, channel, count: contactCounts.get(channel)![index]! })),
    ),
    flow: plan.periods.map((period, index) => ({ period, opened: opened[index]!, resolved: closed[index]! })),
    backlog,
    firstResponse,
    resolution,
    slaFirstResponse: share(created.slaFirstResponseMet, created.slaFirstResponseTotal),
    slaResolution: share(created.slaResolutionMet, created.slaResolutionTotal),
    firstContactResolution: share(resolved.singleContact, resolved.resolved),
    recontacts: { ...share(created.recontacted, created.created), byChannel: returns },
    channelSwitches: {
      ...share(
        sum(paths, (path) => path.count),
        created.created,
      ),
      paths,
    },
    workload: {
      agents: agents.map((agent) => byOwner('assigneeId', agent)),
      teams: teams.map((team) => byOwner('teamId', team)),
    },
    impact,
  };
}

/** One listed row of a drill-down: the case (for contacts: the contact's case) and the instant the figure is about. */
export interface StatCaseItem {
  caseId: number;
  reference: string;
  subject: string;
  status: CaseStatus;
  teamName: string | null;
  assigneeName: string | null;
  citizenId: number;
  at: number;
}

/**
 * The cases behind one figure of the dashboard (issue 16): exactly the rows the figure counts for the same question
 * (range, grouping, team, category, channel, and for the workload the time of asking), in pages of STAT_CASES_PAGE
 * by keyset. Team leads only, for their own teams (the router); figures hold counts only for supervisors and admins.
 */
export async function statisticsCases(
  db: DB,
  user: SessionUser,
  input: z.output<typeof statisticsCasesInput>,
  now = Date.now(),
): Promise<{ items: StatCaseItem[]; nextCursor: string | null }> {
  const { question, figure } = input;
  const scope = scopeOf(user, question);
  const plan = planPeriods(question.from, question.to, question.groupBy);
  const periodOf = (period: string) => {
    const range = plan.periodRange(period);
    if (!range) throw new DomainError('input.invalid', 'The period is not in the range');
    return range;
  };
  const drillOf = (): DrillFigure => {
    switch (figure.kind) {
      case 'contacts':
        return { kind: 'contacts', channel: figure.channel, ...periodOf(figure.period) };
      case 'opened':
      case 'resolved':
        return { kind: figure.kind, ...periodOf(figure.period) };
      case 'backlog':
        return { kind: 'backlog', end: periodOf(figure.period).end };
      case 'workload':
        return {
          kind: 'workload',
          owner: figure.owner === 'agent' ? 'assignee_id' : 'team_id',
          ownerId: figure.ownerId,
          measure: figure.measure,
        };
      default:
        return figure;
    }
  };
  const drill = drillOf();
  const [at, key] = input.cursor ? input.cursor.split('.').map(Number) : [];
  const rows = await drillDown(db, plan, scope, drill, now, {
    after: at !== undefined && key !== undefined ? { at, key } : undefined,
    limit: STAT_CASES_PAGE + 1,
  });
  const page = rows.slice(0, STAT_CASES_PAGE);
  const last = page[page.length - 1];
  return {
    items: page.map(({ key: _key, status, ...row }) => ({ ...row, status: status as CaseStatus })),
    nextCursor: rows.length > STAT_CASES_PAGE && last ? `${last.at}.${last.key}` : null,
  };
}

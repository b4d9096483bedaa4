import { berlinIsoDay, CHANNELS, STAT_GROUPINGS } from '@anliegen/shared';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod/mini';
import { assertRole } from '../lib/auth';
import { idParam, optionalParam } from '../lib/search-params';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

/** Today's calendar day in Berlin, as the server counts days ("2026-03-31"). */
export function berlinToday(now: Date = new Date()): string {
  return berlinIsoDay(now);
}

/** `days` calendar days before an ISO day ("2026-03-31", 29 → "2026-03-02"). */
export function isoDayMinus(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date - days)).toISOString().slice(0, 10);
}

/** The default range: the last 30 days, today included. */
const defaultTo = () => berlinToday();
const defaultFrom = () => isoDayMinus(berlinToday(), 29);

/** The dashboard's question lives in the URL (shareable, Back works); a bad value falls back to the default. */
export const statisticsSearchSchema = z.object({
  from: z.catch(z._default(z.iso.date(), defaultFrom), defaultFrom),
  to: z.catch(z._default(z.iso.date(), defaultTo), defaultTo),
  groupBy: z.catch(z._default(z.enum(STAT_GROUPINGS), 'week'), 'week'),
  teamId: optionalParam(idParam),
  categoryId: optionalParam(idParam),
  channel: optionalParam(z.enum(CHANNELS)),
});
export type StatisticsSearch = z.infer<typeof statisticsSearchSchema>;

/** Statistics for supervisors and admins (all teams) and team leads (their teams). Charts load only here. */
export const statisticsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/statistics',
  beforeLoad: ({ context }) => assertRole(context.me.role, ['supervisor', 'admin', 'team_lead']),
  validateSearch: statisticsSearchSchema,
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
    ]),
  // @mantine/charts and recharts (~115 KB gzip) stay out of the initial bundle.
  component: lazyRouteComponent(() => import('../features/statistics/statistics-page'), 'StatisticsPage'),
});

import { createRoute } from '@tanstack/react-router';
import { OverviewPage } from '../features/overview/overview-page';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

export const overviewRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/',
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.overview.summary.queryOptions()),
  component: OverviewPage,
});

import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { assertRole } from '../lib/auth';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

/** Canned responses (Textbausteine): team leads manage their teams' ones, admins all of them. */
export const cannedResponsesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/canned-responses',
  beforeLoad: ({ context }) => assertRole(context.me.role, ['team_lead', 'admin']),
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.cannedResponses.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
    ]),
  // Managed now and then: the code loads only when the page is opened.
  component: lazyRouteComponent(() => import('../features/canned-responses/canned-responses-page'), 'CannedResponsesPage'),
});

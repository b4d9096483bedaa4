import { createRouter } from '@tanstack/react-router';
import { ErrorView } from '../components/ui/error-view';
import { NotFoundPage } from '../components/ui/not-found-page';
import { meQuery } from '../lib/auth';
import { onSessionExpired } from '../lib/session-events';
import { queryClient } from '../lib/trpc';
import {
  adminAuditRoute,
  adminImpactRoute,
  adminPrivacyRoute,
  adminRoute,
  adminRoutingRoute,
  adminSlaRoute,
  adminTagsRoute,
  adminTeamsRoute,
  adminUsersRoute,
} from '../routes/admin.route';
import { appLayoutRoute } from '../routes/app-layout.route';
import { cannedResponsesRoute } from '../routes/canned-responses.route';
import { captureRoute, casePrintRoute, caseReceiptRoute, caseRoute, casesRoute, inboxRoute } from '../routes/cases.route';
import { citizenLookupRoute, citizenRoute, citizensRoute } from '../routes/citizens.route';
import { loginRoute } from '../routes/login.route';
import { overviewRoute } from '../routes/overview.route';
import { rootRoute } from '../routes/root.route';
import { searchRoute } from '../routes/search.route';
import { statisticsRoute } from '../routes/statistics.route';
import { teamBoardRoute } from '../routes/workload.route';

const routeTree = rootRoute.addChildren([
  loginRoute,
  appLayoutRoute.addChildren([
    overviewRoute,
    casesRoute.addChildren([inboxRoute, caseRoute, casePrintRoute, caseReceiptRoute]),
    captureRoute,
    searchRoute,
    teamBoardRoute,
    statisticsRoute,
    citizensRoute.addChildren([citizenLookupRoute, citizenRoute]),
    cannedResponsesRoute,
    adminRoute.addChildren([
      adminUsersRoute,
      adminTeamsRoute,
      adminRoutingRoute,
      adminSlaRoute,
      adminTagsRoute,
      adminImpactRoute,
      adminAuditRoute,
      adminPrivacyRoute,
    ]),
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  // Loaders read through the query cache, which decides freshness.
  defaultPreloadStaleTime: 0,
  defaultErrorComponent: ErrorView,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});

// A session that ended on the server (expiry, deactivation) sends the user to the login page, then back.
onSessionExpired(() => {
  queryClient.setQueryData(meQuery().queryKey, null);
  const here = router.state.location.href;
  if (!here.startsWith('/login')) void router.navigate({ to: '/login', search: { redirect: here } });
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { z } from 'zod/mini';
import { meQuery, safeRedirectTarget } from '../lib/auth';
import { optionalParam } from '../lib/search-params';
import { rootRoute } from './root.route';

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: z.object({
    redirect: optionalParam(z.string()),
    loggedOut: optionalParam(z.boolean()),
  }),
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery());
    if (me) throw redirect({ to: safeRedirectTarget(search.redirect) });
  },
  // Seen once per session: its form validation (classic zod, as the server's) stays out of the entry chunk.
  component: lazyRouteComponent(() => import('../features/auth/login-page'), 'LoginPage'),
});

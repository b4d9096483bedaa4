import { createRoute, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { LoginPage } from '../features/auth/login-page';
import { meQuery, safeRedirectTarget } from '../lib/auth';
import { rootRoute } from './root.route';

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: z.object({
    redirect: z.string().optional().catch(undefined),
    loggedOut: z.boolean().optional().catch(undefined),
  }),
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery());
    if (me) throw redirect({ to: safeRedirectTarget(search.redirect) });
  },
  component: LoginPage,
});

import { createRoute, redirect } from '@tanstack/react-router';
import { AppShellLayout } from '../components/domain/app-shell-layout';
import { meQuery } from '../lib/auth';
import { rootRoute } from './root.route';

/** Pathless layout: every page below needs a session; the server stays the authority. */
export const appLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery());
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { me };
  },
  component: AppShellLayout,
});

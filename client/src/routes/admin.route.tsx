import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { assertRole } from '../lib/auth';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

export const adminRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/admin',
  beforeLoad: ({ context }) => assertRole(context.me.role, ['admin']),
});

export const adminUsersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/users',
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.users.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
    ]),
  // Administration is rare: its code loads only when an admin opens it.
  component: lazyRouteComponent(() => import('../features/admin/users-page'), 'UsersPage'),
});

export const adminTeamsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/teams',
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
  component: lazyRouteComponent(() => import('../features/admin/teams-page'), 'TeamsPage'),
});

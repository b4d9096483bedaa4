import { createRoute } from '@tanstack/react-router';
import { TeamsPage } from '../features/admin/teams-page';
import { UsersPage } from '../features/admin/users-page';
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
  component: UsersPage,
});

export const adminTeamsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/teams',
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
  component: TeamsPage,
});

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

export const adminRoutingRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/routing',
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.routingRules.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
    ]),
  component: lazyRouteComponent(() => import('../features/admin/routing-rules-page'), 'RoutingRulesPage'),
});

export const adminSlaRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/sla',
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.slaPolicies.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
    ]),
  component: lazyRouteComponent(() => import('../features/admin/sla-policies-page'), 'SlaPoliciesPage'),
});

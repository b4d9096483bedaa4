import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
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

/** The audit log's filters live in the URL (shareable, Back works); a bad value is dropped. */
export const auditSearchSchema = z.object({
  actorId: z.number().int().positive().optional().catch(undefined),
  action: z.string().trim().min(1).max(100).optional().catch(undefined),
  entityType: z.string().trim().min(1).max(50).optional().catch(undefined),
  entityId: z.string().trim().min(1).max(100).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

export const adminAuditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/audit',
  validateSearch: auditSearchSchema,
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.users.list.queryOptions()),
  component: lazyRouteComponent(() => import('../features/admin/audit-log-page'), 'AuditLogPage'),
});

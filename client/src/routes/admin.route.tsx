import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod/mini';
import { assertRole } from '../lib/auth';
import { idParam, optionalParam } from '../lib/search-params';
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
      context.queryClient.ensureQueryData(trpc.accessibility.barrierCategory.queryOptions()),
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

/** Tags: the curated list with colours, the free tags agents typed, and whether those are allowed (issue 16). */
export const adminTagsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/tags',
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.tags.adminList.queryOptions()),
  component: lazyRouteComponent(() => import('../features/admin/tags-page'), 'TagsPage'),
});

/** The targets the service committed to and whether the figures are published (issue 18). */
export const adminImpactRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/impact',
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.impact.targets.queryOptions()),
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
    ]),
  component: lazyRouteComponent(() => import('../features/admin/impact-targets-page'), 'ImpactTargetsPage'),
});

/** The audit log's filters live in the URL (shareable, Back works); a bad value is dropped. */
export const auditSearchSchema = z.object({
  actorId: optionalParam(idParam),
  citizenId: optionalParam(idParam),
  action: optionalParam(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  entityType: optionalParam(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
  entityId: optionalParam(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  from: optionalParam(z.iso.date()),
  to: optionalParam(z.iso.date()),
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

export const adminAuditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/audit',
  validateSearch: auditSearchSchema,
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.users.list.queryOptions()),
  component: lazyRouteComponent(() => import('../features/admin/audit-log-page'), 'AuditLogPage'),
});

/** The data subject request's lookup text and chosen citizen live in the URL, so a link can preselect a citizen. */
export const privacySearchSchema = z.object({
  q: optionalParam(z.string().check(z.maxLength(200))),
  citizen: optionalParam(idParam),
});

export const adminPrivacyRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/privacy',
  validateSearch: privacySearchSchema,
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.privacy.retentionPreview.queryOptions()),
      context.queryClient.ensureQueryData(trpc.mailbox.settings.queryOptions()),
      context.queryClient.ensureQueryData(trpc.feedback.settings.queryOptions()),
    ]),
  component: lazyRouteComponent(() => import('../features/admin/privacy-page'), 'PrivacyPage'),
});

import {
  CASE_SORTS,
  CASEWORKER_ROLES,
  DUE_FILTERS,
  CASE_VIEWS,
  caseStatusSchema,
  channelSchema,
  prioritySchema,
} from '@anliegen/shared';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { InboxPage } from '../features/cases/inbox-page';
import { assertRole } from '../lib/auth';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

/** Inbox state lives in the URL; a bad value falls back to the default instead of failing the page. */
export const inboxSearchSchema = z.object({
  view: z.enum(CASE_VIEWS).optional().catch(undefined),
  status: caseStatusSchema.optional().catch(undefined),
  channel: channelSchema.optional().catch(undefined),
  teamId: z.number().int().positive().optional().catch(undefined),
  priority: prioritySchema.optional().catch(undefined),
  categoryId: z.number().int().positive().optional().catch(undefined),
  due: z.enum(DUE_FILTERS).optional().catch(undefined),
  sort: z.enum(CASE_SORTS).optional().catch(undefined),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  /** A saved search shown as the view instead of the filters above. */
  saved: z.number().int().positive().optional().catch(undefined),
});
export type InboxSearch = z.infer<typeof inboxSearchSchema>;

export const casesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/cases',
  beforeLoad: ({ context }) => assertRole(context.me.role, CASEWORKER_ROLES),
});

export const inboxRoute = createRoute({
  getParentRoute: () => casesRoute,
  path: '/',
  validateSearch: inboxSearchSchema,
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.savedSearches.list.queryOptions()),
    ]),
  component: InboxPage,
});

export const caseRoute = createRoute({
  getParentRoute: () => casesRoute,
  path: '/$reference',
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.cases.byReference.queryOptions({ reference: params.reference })),
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
      context.queryClient.ensureQueryData(trpc.users.assignees.queryOptions()),
    ]),
  component: lazyRouteComponent(() => import('../features/cases/case-page'), 'CasePage'),
});

/** Quick capture of calls and counter visits. */
export const captureRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/capture',
  beforeLoad: ({ context }) => assertRole(context.me.role, CASEWORKER_ROLES),
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
  component: lazyRouteComponent(() => import('../features/capture/capture-page'), 'CapturePage'),
});

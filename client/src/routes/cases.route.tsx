import { CASE_SORTS, CASE_STATUSES, CASE_VIEWS, CASEWORKER_ROLES, CHANNELS, DUE_FILTERS, PRIORITIES } from '@anliegen/shared';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod/mini';
import { InboxPage } from '../features/cases/inbox-page';
import { assertRole } from '../lib/auth';
import { idParam, optionalParam } from '../lib/search-params';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

/** Inbox state lives in the URL; a bad value falls back to the default instead of failing the page. */
export const inboxSearchSchema = z.object({
  view: optionalParam(z.enum(CASE_VIEWS)),
  status: optionalParam(z.enum(CASE_STATUSES)),
  channel: optionalParam(z.enum(CHANNELS)),
  teamId: optionalParam(idParam),
  priority: optionalParam(z.enum(PRIORITIES)),
  categoryId: optionalParam(idParam),
  tagId: optionalParam(idParam),
  due: optionalParam(z.enum(DUE_FILTERS)),
  sort: optionalParam(z.enum(CASE_SORTS)),
  order: optionalParam(z.enum(['asc', 'desc'])),
  /** A saved search shown as the view instead of the filters above. */
  saved: optionalParam(idParam),
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

/**
 * The case for the paper file: its facts, the citizen, the whole timeline oldest first and its attachments listed, laid
 * out for A4 (print CSS). The same audited reads as the case page, so coming from it reads nothing again; its code is
 * in the case page's chunk (case-page.tsx re-exports it), already loaded when the agent comes from there.
 */
export const casePrintRoute = createRoute({
  getParentRoute: () => casesRoute,
  path: '/$reference/print',
  loader: async ({ context, params }) => {
    const detail = await context.queryClient.ensureQueryData(
      trpc.cases.byReference.queryOptions({ reference: params.reference }),
    );
    await context.queryClient.ensureQueryData(trpc.citizens.panel.queryOptions({ id: detail.case.citizen.id }));
  },
  component: lazyRouteComponent(() => import('../features/cases/case-page'), 'CasePrintPage'),
});

/**
 * The counter receipt of a case (issue 18): opening it issues a new status link and the survey's QR code. In the case
 * page's chunk like the print view.
 */
export const caseReceiptRoute = createRoute({
  getParentRoute: () => casesRoute,
  path: '/$reference/receipt',
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(trpc.cases.byReference.queryOptions({ reference: params.reference })),
  component: lazyRouteComponent(() => import('../features/cases/case-page'), 'ReceiptPage'),
});

/** Quick capture of calls and counter visits. */
export const captureRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/capture',
  beforeLoad: ({ context }) => assertRole(context.me.role, CASEWORKER_ROLES),
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
  component: lazyRouteComponent(() => import('../features/intake/quick-capture-page'), 'QuickCapturePage'),
});

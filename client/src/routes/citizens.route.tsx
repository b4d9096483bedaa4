import { CASEWORKER_ROLES } from '@anliegen/shared';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod/mini';
import { assertRole } from '../lib/auth';
import { idParam, optionalParam } from '../lib/search-params';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

export const citizensRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/citizens',
  beforeLoad: ({ context }) => assertRole(context.me.role, CASEWORKER_ROLES),
});

export const citizenLookupRoute = createRoute({
  getParentRoute: () => citizensRoute,
  path: '/',
  validateSearch: z.object({ q: optionalParam(z.string().check(z.maxLength(200))) }),
  component: lazyRouteComponent(() => import('../features/citizens/citizens-page'), 'CitizensPage'),
});

export const citizenRoute = createRoute({
  getParentRoute: () => citizensRoute,
  path: '/$id',
  params: {
    parse: (params) => ({ id: z.parse(z.pipe(z.coerce.number(), idParam), params.id) }),
    stringify: ({ id }) => ({ id: String(id) }),
  },
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.citizens.byId.queryOptions({ id: params.id })),
      context.queryClient.ensureQueryData(trpc.categories.list.queryOptions()),
    ]),
  component: lazyRouteComponent(() => import('../features/citizens/citizen-page'), 'CitizenPage'),
});

import { CASEWORKER_ROLES } from '@anliegen/shared';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod/mini';
import { assertRole } from '../lib/auth';
import { optionalParam, searchTextParam } from '../lib/search-params';
import { appLayoutRoute } from './app-layout.route';

/** The search's results for the text in the header's search box; the text lives in the URL (shareable, Back works). */
export const searchRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/search',
  beforeLoad: ({ context }) => assertRole(context.me.role, CASEWORKER_ROLES),
  validateSearch: z.object({ q: optionalParam(searchTextParam) }),
  component: lazyRouteComponent(() => import('../features/search/search-page'), 'SearchPage'),
});

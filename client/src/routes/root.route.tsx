import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { ErrorView } from '../components/ui/error-view';
import { NotFoundPage } from '../components/ui/not-found-page';

/** The focus on each change of page and on busy buttons (WCAG 2.4.3, 4.1.3): loaded right after the first render. */
const RouteFocus = lazy(() => import('../components/ui/route-focus'));

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Root,
  errorComponent: ErrorView,
  notFoundComponent: NotFoundPage,
});

/** Every page, signed in or not: the focus placed and the page announced on each change of page, kept on busy buttons. */
function Root() {
  return (
    <>
      <Outlet />
      <Suspense fallback={null}>
        <RouteFocus />
      </Suspense>
    </>
  );
}

import type { AppRouter } from '@anliegen/server';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { BACKGROUND_HEADER, recentlyActive } from './activity';
import { readCsrfToken } from './csrf';
import { errorCodeOf } from './errors';
import { watchDatabaseOutages } from './outage';
import { retryDelay, shouldRetry } from './retry';
import { notifySessionExpired } from './session-events';

function onRequestError(error: unknown) {
  if (errorCodeOf(error) === 'auth.unauthenticated') notifySessionExpired();
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onRequestError }),
  mutationCache: new MutationCache({ onError: onRequestError }),
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry, retryDelay, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});
watchDatabaseOutages(queryClient);

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    // Live updates arrive as server-sent events (GET, with the session cookie); everything else is batched.
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({
        url: '/trpc',
        headers: () => ({ 'x-csrf-token': readCsrfToken(), ...(recentlyActive() ? {} : { [BACKGROUND_HEADER]: '1' }) }),
      }),
    }),
  ],
});

/** The one options proxy: `trpc.x.y.queryOptions()`, `.mutationOptions()`, `.queryKey()`. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { RouterInputs } from '../../../lib/api-types';
import { invalidateSavedSearches } from '../../../lib/invalidate';
import { trpc } from '../../../lib/trpc';

/** The inbox's filters as the list takes them; the pages' size and cursor are the query's own. */
export type InboxFilter = Omit<RouterInputs['cases']['list'], 'cursor' | 'limit'>;

/** The largest page the API allows: fewer round trips on the way to thousands of rows. */
const INBOX_PAGE_SIZE = 200;

/** The inbox's keyset pages for a view and filters; off while a saved view is shown instead. */
export function useInboxCases(filter: InboxFilter, { enabled }: { enabled: boolean }) {
  return useInfiniteQuery({
    ...trpc.cases.list.infiniteQueryOptions(
      { ...filter, limit: INBOX_PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    enabled,
  });
}

/** Deletes a saved view; `onRemoved` runs once the views are refetched (the inbox then leaves the view). */
export function useRemoveSavedSearch({ onRemoved }: { onRemoved: () => Promise<unknown> }) {
  return useMutation(
    trpc.savedSearches.remove.mutationOptions({
      onSuccess: async () => {
        await invalidateSavedSearches();
        await onRemoved();
      },
    }),
  );
}

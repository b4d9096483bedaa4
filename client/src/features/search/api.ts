import { useMutation } from '@tanstack/react-query';
import type { RouterOutputs } from '../../lib/api-types';
import { invalidateSavedSearches } from '../../lib/invalidate';
import { trpc } from '../../lib/trpc';

type SavedSearch = RouterOutputs['savedSearches']['create'];

/** Saves a query as an inbox view; `onSaved` runs once the inbox's views are refetched (the page then opens it). */
export function useCreateSavedSearch({ onSaved }: { onSaved: (view: SavedSearch) => Promise<unknown> }) {
  return useMutation(
    trpc.savedSearches.create.mutationOptions({
      onSuccess: async (view) => {
        await invalidateSavedSearches();
        await onSaved(view);
      },
    }),
  );
}

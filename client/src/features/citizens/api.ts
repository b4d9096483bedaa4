import type { Channel } from '@anliegen/shared';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { invalidateCases } from '../../lib/invalidate';
import { queryClient, trpc } from '../../lib/trpc';

/** Citizen changes show on the profile, in lookups, in panels beside cases and in duplicate suggestions. */
function invalidateCitizenData() {
  return Promise.all(
    [trpc.citizens.byId, trpc.citizens.panel, trpc.citizens.duplicates, trpc.citizens.lookup, trpc.citizens.timeline].map(
      (procedure) => queryClient.invalidateQueries({ queryKey: procedure.queryKey() }),
    ),
  );
}

export const useCreateCitizen = () => useMutation(trpc.citizens.create.mutationOptions({ onSuccess: invalidateCitizenData }));
export const useUpdateCitizen = () => useMutation(trpc.citizens.update.mutationOptions({ onSuccess: invalidateCitizenData }));
export const useAddContact = () => useMutation(trpc.citizens.addContact.mutationOptions({ onSuccess: invalidateCitizenData }));
export const useRemoveContact = () =>
  useMutation(trpc.citizens.removeContact.mutationOptions({ onSuccess: invalidateCitizenData }));
/** A merge moves the duplicate's cases to the citizen kept: their views show another citizen now. */
export const useMergeCitizens = () =>
  useMutation(
    trpc.citizens.merge.mutationOptions({ onSuccess: () => Promise.all([invalidateCitizenData(), invalidateCases()]) }),
  );
export const useCreateCase = () =>
  useMutation(trpc.cases.create.mutationOptions({ onSuccess: () => Promise.all([invalidateCitizenData(), invalidateCases()]) }));

/** A citizen's contacts on every channel, newest first, in pages; `channels` empty means all. */
export function useCitizenTimeline(citizenId: number, channels: Channel[]) {
  return useInfiniteQuery(
    trpc.citizens.timeline.infiniteQueryOptions(
      { citizenId, limit: 50, ...(channels.length > 0 ? { channels } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
}

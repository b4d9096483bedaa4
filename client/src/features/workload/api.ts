import { useMutation } from '@tanstack/react-query';
import { invalidateCases } from '../../lib/invalidate';
import { queryClient, trpc } from '../../lib/trpc';

/** Being back changes the board only (the member's cases stayed with them). */
export const useMarkPresent = () =>
  useMutation(
    trpc.workload.setAbsent.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workload.pathKey() }),
    }),
  );

/** Marks a member absent, their open cases possibly moved; `onDone` runs once the board is refetched. */
export function useMarkAbsent({ onDone }: { onDone: () => void }) {
  return useMutation(
    trpc.workload.setAbsent.mutationOptions({
      onSuccess: async () => {
        await invalidateCases();
        onDone();
      },
    }),
  );
}

/** Moves cases to a member, the queue or another team; `onReassigned` gets the count at once, before the refetch. */
export function useReassignCases({ onReassigned }: { onReassigned: (moved: number) => void }) {
  return useMutation(
    trpc.workload.reassign.mutationOptions({
      onSuccess: async (result) => {
        onReassigned(result.moved);
        await invalidateCases();
      },
    }),
  );
}

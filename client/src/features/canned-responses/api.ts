import { useMutation } from '@tanstack/react-query';
import { queryClient, trpc } from '../../lib/trpc';

/** Every change shows in the management list and in the reply box's picker (both read the same list). */
function invalidateCannedResponses() {
  return queryClient.invalidateQueries({ queryKey: trpc.cannedResponses.list.queryKey() });
}

export const useCreateCannedResponse = () =>
  useMutation(trpc.cannedResponses.create.mutationOptions({ onSuccess: invalidateCannedResponses }));
export const useUpdateCannedResponse = () =>
  useMutation(trpc.cannedResponses.update.mutationOptions({ onSuccess: invalidateCannedResponses }));
export const useRemoveCannedResponse = () =>
  useMutation(trpc.cannedResponses.remove.mutationOptions({ onSuccess: invalidateCannedResponses }));

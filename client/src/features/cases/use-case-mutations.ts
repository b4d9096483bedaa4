import { useMutation } from '@tanstack/react-query';
import { queryClient, trpc } from '../../lib/trpc';

/** Anything done to a case changes the case view, the citizen panel and the inbox. */
function invalidateCaseData() {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.cases.byReference.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.cases.list.infiniteQueryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.citizens.panel.queryKey() }),
  ]);
}

export const useUpdateCase = () => useMutation(trpc.cases.update.mutationOptions({ onSuccess: invalidateCaseData }));
export const useAddInteraction = () => useMutation(trpc.cases.addInteraction.mutationOptions({ onSuccess: invalidateCaseData }));
export const useLinkCases = () => useMutation(trpc.cases.link.mutationOptions({ onSuccess: invalidateCaseData }));
export const useUnlinkCases = () => useMutation(trpc.cases.unlink.mutationOptions({ onSuccess: invalidateCaseData }));
export const useMergeCases = () => useMutation(trpc.cases.merge.mutationOptions({ onSuccess: invalidateCaseData }));
export const useRetryDelivery = () => useMutation(trpc.cases.retryDelivery.mutationOptions({ onSuccess: invalidateCaseData }));
export const useAddSenderToCitizen = () =>
  useMutation(trpc.cases.addSenderToCitizen.mutationOptions({ onSuccess: invalidateCaseData }));
export const useSplitInteraction = () =>
  useMutation(trpc.cases.splitInteraction.mutationOptions({ onSuccess: invalidateCaseData }));

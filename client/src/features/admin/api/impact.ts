import { useMutation } from '@tanstack/react-query';
import { queryClient, trpc } from '../../../lib/trpc';

/** Targets and the public switch show on this page and beside the statistics' figures: both refetch. */
const refresh = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.impact.targets.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.impact.figures.queryKey() }),
  ]);

export const useSaveImpactTarget = () => useMutation(trpc.impact.saveTarget.mutationOptions({ onSuccess: refresh }));
export const useRemoveImpactTarget = () => useMutation(trpc.impact.removeTarget.mutationOptions({ onSuccess: refresh }));
export const useSetPublicFigures = () => useMutation(trpc.impact.setPublicFigures.mutationOptions({ onSuccess: refresh }));

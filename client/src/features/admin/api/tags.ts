import { useMutation } from '@tanstack/react-query';
import { invalidateCases } from '../../../lib/invalidate';
import { trpc } from '../../../lib/trpc';

/** Tag changes show on cases everywhere (names and colours in lists) and in the tag lists: both refetch. */
const refresh = () => invalidateCases();

export const useCreateTag = ({ onCreated }: { onCreated: () => void }) =>
  useMutation(
    trpc.tags.create.mutationOptions({
      onSuccess: async () => {
        onCreated();
        await refresh();
      },
    }),
  );
export const useUpdateTag = () => useMutation(trpc.tags.update.mutationOptions({ onSuccess: refresh }));
export const useMergeTags = () => useMutation(trpc.tags.merge.mutationOptions({ onSuccess: refresh }));
export const useRemoveTag = () => useMutation(trpc.tags.remove.mutationOptions({ onSuccess: refresh }));
export const useSetTagSettings = () => useMutation(trpc.tags.setSettings.mutationOptions({ onSuccess: refresh }));

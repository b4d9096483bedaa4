import { useMutation } from '@tanstack/react-query';
import { invalidateCases } from '../../../lib/invalidate';
import { trpc } from '../../../lib/trpc';

/*
 * Tags on a case and bulk actions from the inbox (issue 16). Lazily loaded with the case page and the bulk bar; both
 * change what lists, views' counts and the tag list show.
 */

/** One action on the ticked cases; the lists, counts and the changed cases refetch before `onChanged` runs. */
export const useBulkUpdate = ({ onChanged }: { onChanged: (changed: number) => void }) =>
  useMutation(
    trpc.cases.bulkUpdate.mutationOptions({
      onSuccess: async (result) => {
        await invalidateCases();
        onChanged(result.changed);
      },
    }),
  );

/** The case's tags, saved on its version; refetched also after a conflict (the newer version to save onto). */
export const useSetCaseTags = (caseId: number) =>
  useMutation(trpc.cases.setTags.mutationOptions({ onSettled: () => invalidateCases({ caseIds: [caseId] }) }));

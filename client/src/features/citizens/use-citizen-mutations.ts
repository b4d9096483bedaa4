import { useMutation } from '@tanstack/react-query';
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
export const useMergeCitizens = () =>
  useMutation(
    trpc.citizens.merge.mutationOptions({
      onSuccess: () =>
        Promise.all([invalidateCitizenData(), queryClient.invalidateQueries({ queryKey: trpc.cases.byReference.queryKey() })]),
    }),
  );
export const useCreateCase = () =>
  useMutation(
    trpc.cases.create.mutationOptions({
      onSuccess: () =>
        Promise.all([invalidateCitizenData(), queryClient.invalidateQueries({ queryKey: trpc.cases.list.infiniteQueryKey() })]),
    }),
  );

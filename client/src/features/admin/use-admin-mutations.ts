import { useMutation } from '@tanstack/react-query';
import { meQuery } from '../../lib/auth';
import { queryClient, trpc } from '../../lib/trpc';

/** User and team changes affect both lists (member counts) and possibly the admin's own profile. */
function invalidateAdminData() {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() }),
    queryClient.invalidateQueries({ queryKey: meQuery().queryKey }),
  ]);
}

export const useCreateUser = () => useMutation(trpc.users.create.mutationOptions({ onSuccess: invalidateAdminData }));
export const useUpdateUser = () => useMutation(trpc.users.update.mutationOptions({ onSuccess: invalidateAdminData }));
export const useCreateTeam = () => useMutation(trpc.teams.create.mutationOptions({ onSuccess: invalidateAdminData }));
export const useUpdateTeam = () => useMutation(trpc.teams.update.mutationOptions({ onSuccess: invalidateAdminData }));

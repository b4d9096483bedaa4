import { useMutation } from '@tanstack/react-query';
import type { RouterOutputs } from '../../lib/api-types';
import { meQuery } from '../../lib/auth';
import { queryClient, trpc } from '../../lib/trpc';

/** Signs in: the session's user goes into the cache at once; `onSignedIn` then leaves the login page. */
export function useLogin({ onSignedIn }: { onSignedIn: (user: RouterOutputs['auth']['login']) => Promise<unknown> }) {
  return useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (user) => {
        queryClient.setQueryData(meQuery().queryKey, user);
        await onSignedIn(user);
      },
    }),
  );
}

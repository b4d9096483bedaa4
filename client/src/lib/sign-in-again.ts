import { useMutation } from '@tanstack/react-query';
import { meQuery } from './auth';
import { queryClient, trpc } from './trpc';

/**
 * Signing in again over the page once the session has ended (components/domain/session-dialog.tsx): the user goes
 * into the cache, and whatever failed meanwhile loads again; the page and everything typed on it stay. Loaded with
 * the dialog, not with the shell.
 */
export function useSignInAgain({ onSignedIn }: { onSignedIn: () => void }) {
  return useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(meQuery().queryKey, user);
        void queryClient.invalidateQueries();
        onSignedIn();
      },
    }),
  );
}

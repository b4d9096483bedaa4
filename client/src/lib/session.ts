import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { meQuery } from './auth';
import { queryClient, trpc } from './trpc';

/*
 * The header's session mutations: signing out, keeping the language. Not in auth.ts, which the lazy pages import
 * too: hooks there made the bundler split the entry into a dozen small chunks (4 KB more for the inbox,
 * bench/src/bundle-size.ts).
 */

/**
 * Signing out: nothing of the session stays in the cache, whatever the server answered; then the login page (which
 * also drops the tab's unsaved forms, lib/form-draft.ts).
 */
export function useLogout() {
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        queryClient.clear();
        await navigate({ to: '/login', search: { loggedOut: true } });
      },
    }),
  );
}

/** Keeps the chosen language in the signed-in user's profile (the page has switched already). */
export const useSaveLocale = () => useMutation(trpc.auth.setLocale.mutationOptions());

/**
 * Saves the signed-in user's own settings (the user menu's "Einstellungen"): `me` carries the stored ones at once, and
 * the app shell hands them to the shortcut gate (shortcuts.ts). Used by a lazily loaded dialog only.
 */
export const useSaveSettings = (onSaved: () => void) =>
  useMutation(
    trpc.auth.saveSettings.mutationOptions({
      onSuccess: (settings) => {
        queryClient.setQueryData(meQuery().queryKey, (me) => (me ? { ...me, ...settings } : me));
        onSaved();
      },
    }),
  );

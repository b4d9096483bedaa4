import { useMutation } from '@tanstack/react-query';
import { meQuery } from '../../../lib/auth';
import { queryClient, trpc } from '../../../lib/trpc';

/** User and team changes affect both lists (member counts) and possibly the admin's own profile. */
function invalidateAdminData() {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() }),
    // Routing rules show team names.
    queryClient.invalidateQueries({ queryKey: trpc.routingRules.list.queryKey() }),
    queryClient.invalidateQueries({ queryKey: meQuery().queryKey }),
  ]);
}

export const useCreateUser = () => useMutation(trpc.users.create.mutationOptions({ onSuccess: invalidateAdminData }));
export const useUpdateUser = () => useMutation(trpc.users.update.mutationOptions({ onSuccess: invalidateAdminData }));
export const useCreateTeam = () => useMutation(trpc.teams.create.mutationOptions({ onSuccess: invalidateAdminData }));
export const useUpdateTeam = () => useMutation(trpc.teams.update.mutationOptions({ onSuccess: invalidateAdminData }));

const invalidateRoutingRules = () => queryClient.invalidateQueries({ queryKey: trpc.routingRules.list.queryKey() });
export const useCreateRoutingRule = () =>
  useMutation(trpc.routingRules.create.mutationOptions({ onSuccess: invalidateRoutingRules }));
export const useRemoveRoutingRule = () =>
  useMutation(trpc.routingRules.remove.mutationOptions({ onSuccess: invalidateRoutingRules }));
export const useMoveRoutingRule = () =>
  // A conflict means someone else reordered meanwhile: show their order either way.
  useMutation(trpc.routingRules.move.mutationOptions({ onSettled: invalidateRoutingRules }));

const invalidateSlaPolicies = () => queryClient.invalidateQueries({ queryKey: trpc.slaPolicies.list.queryKey() });
export const useCreateSlaPolicy = () =>
  useMutation(trpc.slaPolicies.create.mutationOptions({ onSuccess: invalidateSlaPolicies }));
export const useUpdateSlaPolicy = () =>
  useMutation(trpc.slaPolicies.update.mutationOptions({ onSuccess: invalidateSlaPolicies }));
export const useRemoveSlaPolicy = () =>
  useMutation(trpc.slaPolicies.remove.mutationOptions({ onSuccess: invalidateSlaPolicies }));

/** Retention periods and anonymisation change what the retention preview counts and what a lookup finds. */
function invalidatePrivacyData() {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.privacy.retentionPreview.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.categories.list.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.citizens.lookup.queryKey() }),
  ]);
}
export const useSetCategoryRetention = () =>
  useMutation(trpc.categories.setRetention.mutationOptions({ onSuccess: invalidatePrivacyData }));
export const useRunRetention = () =>
  // Also after a failure: part of the batches may have been committed.
  useMutation(trpc.privacy.runRetention.mutationOptions({ onSettled: invalidatePrivacyData }));
export const useExportCitizen = () => useMutation(trpc.privacy.exportCitizen.mutationOptions());
export const useEraseCitizen = () => useMutation(trpc.privacy.eraseCitizen.mutationOptions({ onSuccess: invalidatePrivacyData }));

/** Feedback after resolution (issue 18): the desk-wide switch or a topic's. */
export const useSetSurveyEnabled = () =>
  useMutation(
    trpc.feedback.setEnabled.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.feedback.settings.queryKey() }),
    }),
  );

// The citizen side's desk settings (issue 18): where reported barriers go, which mail leaves without content.
export const useSetBarrierCategory = () =>
  useMutation(
    trpc.accessibility.setBarrierCategory.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.accessibility.barrierCategory.queryKey() }),
    }),
  );
export const useSetMailWithoutContent = () =>
  useMutation(
    trpc.mailbox.setMailWithoutContent.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.mailbox.pathKey() }),
    }),
  );

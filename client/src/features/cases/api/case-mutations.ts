import { useMutation } from '@tanstack/react-query';
import { invalidateCases } from '../../../lib/invalidate';
import { trpc } from '../../../lib/trpc';

/*
 * What the case page does to a case. Lazily loaded with the case page; the inbox's queries and mutations are in
 * inbox.ts, which the entry chunk holds.
 */

/** Anything done to a case may show wherever cases show: the case view, the citizen panel, the inbox. */
const refreshCases = () => invalidateCases();

export const useUpdateCase = () => useMutation(trpc.cases.update.mutationOptions({ onSuccess: refreshCases }));
export const useAddInteraction = () => useMutation(trpc.cases.addInteraction.mutationOptions({ onSuccess: refreshCases }));
export const useLinkCases = () => useMutation(trpc.cases.link.mutationOptions({ onSuccess: refreshCases }));
export const useUnlinkCases = () => useMutation(trpc.cases.unlink.mutationOptions({ onSuccess: refreshCases }));
export const useMergeCases = () => useMutation(trpc.cases.merge.mutationOptions({ onSuccess: refreshCases }));
export const useRetryDelivery = () => useMutation(trpc.cases.retryDelivery.mutationOptions({ onSuccess: refreshCases }));
export const useAddSenderToCitizen = () =>
  useMutation(trpc.cases.addSenderToCitizen.mutationOptions({ onSuccess: refreshCases }));
/** "In neuen Vorgang verschieben": both cases change, and the citizen has one more. */
export const useSplitMessage = () => useMutation(trpc.cases.splitMessage.mutationOptions({ onSuccess: refreshCases }));
// Forwards to another office (issue 16): a new outgoing mail in the case's timeline.
export const useForwardCase = () => useMutation(trpc.cases.forwardCase.mutationOptions({ onSuccess: refreshCases }));
export const useForwardMessage = () => useMutation(trpc.cases.forwardMessage.mutationOptions({ onSuccess: refreshCases }));

import { useMutation } from '@tanstack/react-query';
import { invalidateCases } from '../../../lib/invalidate';
import { trpc } from '../../../lib/trpc';

/*
 * The survey after a case (issue 18) on the case page: the citizen's answer told to the agent, and the counter receipt
 * (a new status link and the survey's QR code; each receipt is a new one, so it is a mutation).
 */

/** "Rückmeldung erfassen": the case's timeline shows the answer. */
export const useRecordFeedback = () => useMutation(trpc.feedback.record.mutationOptions({ onSuccess: () => invalidateCases() }));
export const useIssueReceipt = () => useMutation(trpc.feedback.receipt.mutationOptions());

import { useMutation } from '@tanstack/react-query';
import { invalidateCases } from '../../lib/invalidate';
import { trpc } from '../../lib/trpc';

/** A call or visit noted: a new case or a new entry in one, which the inbox and the citizen's panel show. */
export const useRecordContact = () =>
  useMutation(trpc.intake.recordContact.mutationOptions({ onSuccess: () => invalidateCases() }));

/** Who the typed name, number or address may be: the page looks up and lists with the same query (one cache entry). */
export const callerMatchesQuery = (query: string) => trpc.citizens.lookup.queryOptions({ query, limit: 10 });

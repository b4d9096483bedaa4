import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { trpc } from '../../../lib/trpc';

/*
 * The citizen's mailbox (issue 18) on the case page: whether the case sends mail without content, and revoking its
 * status links.
 */

/**
 * Whether mail to the citizen about this case goes without content (desk-wide or by its category); asked again when
 * the case's category changes, since the category decides.
 */
export function useMailWithoutContent(caseId: number, categoryId: number | null, enabled: boolean): boolean {
  const query = useQuery(trpc.mailbox.ofCase.queryOptions({ caseId }, { enabled }));
  const { refetch } = query;
  const seen = useRef(categoryId);
  useEffect(() => {
    if (seen.current === categoryId) return;
    seen.current = categoryId;
    if (enabled) void refetch();
  }, [categoryId, enabled, refetch]);
  return query.data?.withoutContent === true;
}

export const useRevokeStatusLinks = () => useMutation(trpc.mailbox.revokeStatusLinks.mutationOptions());

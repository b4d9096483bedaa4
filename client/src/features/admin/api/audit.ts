import type { AuditFilterInput } from '@anliegen/shared';
import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { trpc } from '../../../lib/trpc';

/*
 * The audit log's reads. Apart from admin-mutations.ts, so that neither page's chunk carries the other's hooks.
 */

const AUDIT_PAGE_SIZE = 100;

/** The audit log's pages for the filters; the last result stays on screen while a new filter loads. */
export function useAuditEvents(filter: AuditFilterInput) {
  return useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(
      { ...filter, limit: AUDIT_PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
}

/** The filtered log as CSV (a read: nothing to refetch). */
export const useExportAuditLog = () => useMutation(trpc.audit.export.mutationOptions());

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RouterInputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';

/** The dashboard for a question; the last answer stays on screen while the next one loads. */
export function useDashboard(input: RouterInputs['statistics']['dashboard'], { enabled }: { enabled: boolean }) {
  return useQuery({ ...trpc.statistics.dashboard.queryOptions(input), enabled, placeholderData: keepPreviousData });
}

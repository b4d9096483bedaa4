import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { RouterInputs } from '../../lib/api-types';
import { queryClient, trpc } from '../../lib/trpc';

/** The dashboard for a question; the last answer stays on screen while the next one loads. */
export function useDashboard(input: RouterInputs['statistics']['dashboard'], { enabled }: { enabled: boolean }) {
  return useQuery({ ...trpc.statistics.dashboard.queryOptions(input), enabled, placeholderData: keepPreviousData });
}

type CasesQuestion = Omit<RouterInputs['statistics']['cases'], 'cursor'>;

/** The cases behind a figure (team leads), page by page. */
export function useStatisticsCases(input: CasesQuestion) {
  return useInfiniteQuery(
    trpc.statistics.cases.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
}

/** Whether the signed-in supervisor or team lead gets the weekly report by email. */
export const useReportSetting = () => useQuery(trpc.reports.mySetting.queryOptions());

/** Switches the weekly report; the answer is the new setting, shown at once (nothing else changes with it). */
export const useSetReportSetting = () =>
  useMutation(
    trpc.reports.setMySetting.mutationOptions({
      onSuccess: (setting) => queryClient.setQueryData(trpc.reports.mySetting.queryKey(), setting),
    }),
  );

/** For admins: who gets the weekly report. */
export const useReportRecipients = () => useQuery(trpc.reports.recipients.queryOptions());

/**
 * The impact figures beside their targets (issue 18) for the dashboard's question, and with `by` their breakdown by
 * channel, team or category; the last answer stays on screen while the next one loads.
 */
export function useImpact(input: RouterInputs['impact']['figures'], { enabled }: { enabled: boolean }) {
  return useQuery({ ...trpc.impact.figures.queryOptions(input), enabled, placeholderData: keepPreviousData });
}

type CommentsQuestion = Omit<RouterInputs['impact']['comments'], 'cursor'>;

/** The citizens' comments for the question, newest first, page by page. */
export function useFeedbackComments(input: CommentsQuestion) {
  return useInfiniteQuery(
    trpc.impact.comments.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
}

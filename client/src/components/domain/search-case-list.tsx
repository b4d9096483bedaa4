import { Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n';
import { trpc } from '../../lib/trpc';
import { CaseTable } from './case-table';
import { ErrorAlert } from '../ui/error-alert';

const PAGE_SIZE = 25;

/** The search's result pages for a query: each page starts where the ones before it ended. */
export function useSearchResults(q: string) {
  return useInfiniteQuery({
    ...trpc.search.run.infiniteQueryOptions(
      { q, limit: PAGE_SIZE },
      { getNextPageParam: (page, pages) => (page.hasMore ? pages.length * PAGE_SIZE : undefined) },
    ),
    enabled: q.trim().length > 0,
  });
}

/** The cases a search found, ranked, loading more as the user scrolls; for the search page and saved views in the inbox. */
export function SearchCaseList({ results, caption }: { results: ReturnType<typeof useSearchResults>; caption: string }) {
  const { t } = useI18n();
  const rows = results.data?.pages.flatMap((page) => page.cases) ?? [];
  return (
    <>
      <ErrorAlert error={results.error} />
      {rows.length > 0 && <CaseTable rows={rows} caption={caption} pages={results} />}
      <div role="status" aria-live="polite">
        {results.isSuccess && rows.length === 0 && <Text my="md">{t('search.noCases')}</Text>}
      </div>
    </>
  );
}

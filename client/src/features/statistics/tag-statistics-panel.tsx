import { Card, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { TagChips } from '../../components/domain/tag-chips';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import { trpc } from '../../lib/trpc';

/**
 * Cases per tag received in the period (issue 16): a small panel of its own beside the dashboard, with its own query
 * (tags.statistics), for the same range and team. Figures only; team leads see their own teams' cases.
 */
export function TagStatisticsPanel({ from, to, teamId }: { from: string; to: string; teamId?: number | undefined }) {
  const { t, formatNumber } = usePageI18n();
  const query = useQuery(trpc.tags.statistics.queryOptions({ from, to, ...(teamId !== undefined ? { teamId } : {}) }));
  const rows = query.data ?? [];
  return (
    <Card withBorder mt="lg" component="section" aria-labelledby="tag-statistics-title">
      <Title order={2} size="h4" id="tag-statistics-title">
        {t('stats.tags')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('stats.tags.description')}
      </Text>
      <ErrorAlert error={query.error} />
      {query.isSuccess && rows.length === 0 ? (
        <Text size="sm">{t('stats.tags.none')}</Text>
      ) : (
        <Table maw="32rem">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tags.name')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('tags.cases')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Th scope="row" fw={400}>
                  <TagChips tags={[row]} freeLabel={t('tags.free')} />
                </Table.Th>
                <Table.Td ta="right">{formatNumber(row.cases)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

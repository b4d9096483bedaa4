import { Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="lg">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}

/** The start page for every role: open work first, then where contacts come from. */
export function OverviewPage() {
  const { t, formatNumber } = useI18n();
  const me = useSuspenseQuery(meQuery()).data;
  const summary = useSuspenseQuery(trpc.overview.summary.queryOptions()).data;
  if (!me) return null;
  const handlesCases = me.role === 'agent' || me.role === 'team_lead';

  return (
    <>
      <PageHeader title={t('overview.title')} />
      <Text mb="md">{t('overview.greeting', { name: me.displayName })}</Text>
      {handlesCases && (
        <Text size="sm" c="dimmed" mb="md">
          {me.teams.length > 0
            ? t('overview.myTeams', { teams: me.teams.map((team) => team.name).join(', ') })
            : t('overview.noTeams')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="xl">
        {handlesCases && <Figure label={t('overview.myOpen')} value={formatNumber(summary.myOpenCases)} />}
        {handlesCases && <Figure label={t('overview.teamUnassigned')} value={formatNumber(summary.teamUnassigned)} />}
        <Figure label={t('overview.allOpen')} value={formatNumber(summary.allOpen)} />
      </SimpleGrid>
      <Title order={2} size="h4" mb="sm" id="inbound-heading">
        {t('overview.inbound')}
      </Title>
      <Table maw={420} aria-labelledby="inbound-heading" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('overview.channel')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('overview.count')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.inboundLast30Days.map((row) => (
            <Table.Tr key={row.channel}>
              <Table.Td>{t(`channels.${row.channel}`)}</Table.Td>
              <Table.Td ta="right">{formatNumber(row.count)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

import { formatBerlin } from '@anliegen/shared';
import { Button, Group, Loader, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { AnchorLink } from '../../components/ui/anchor-link';
import { DataTable } from '../../components/ui/data-table';
import { Dialog } from '../../components/ui/dialog';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterInputs } from '../../lib/api-types';
import { useStatisticsCases } from './api';

export type StatCasesQuestion = Omit<RouterInputs['statistics']['cases'], 'cursor'>;

/**
 * The cases behind one figure of the dashboard (team leads, their own teams): as many rows as the figure counts,
 * 50 at a time, each leading to its case. Loaded with the first click on a figure, not with the page.
 */
export default function StatCasesDialog({
  input,
  title,
  count,
  onClose,
}: {
  input: StatCasesQuestion;
  /** What the figure is, in words ("Eröffnet, KW 10/2026"). */
  title: string;
  count: number;
  onClose: () => void;
}) {
  const { t, locale, formatNumber } = usePageI18n();
  const cases = useStatisticsCases(input);
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const contacts = input.figure.kind === 'contacts';
  // On a phone the list takes the whole screen (read at once, not after a first render).
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });

  return (
    <Dialog onClose={onClose} title={title} size="xl" fullScreen={phone}>
      <Text size="sm" mb="sm">
        {t(contacts ? 'stats.drill.contactsCount' : 'stats.drill.casesCount', { n: formatNumber(count) })}
      </Text>
      <ErrorAlert error={cases.error} />
      <div role="status">
        {cases.isPending && (
          <Group gap="xs">
            <Loader size="sm" aria-hidden />
            <Text size="sm">{t('stats.drill.loading')}</Text>
          </Group>
        )}
      </div>
      {cases.isSuccess && items.length === 0 && <Text>{t('stats.drill.empty')}</Text>}
      {items.length > 0 && (
        <DataTable
          caption={title}
          minWidth={720}
          rowCount={items.length}
          columns={[
            t('stats.drill.reference'),
            t('stats.drill.subject'),
            t('stats.drill.status'),
            t('stats.drill.team'),
            t('stats.drill.assignee'),
            t(contacts ? 'stats.drill.contactAt' : 'stats.drill.at'),
          ]}
        >
          {items.map((item, index) => (
            // A case may come twice behind contacts (two contacts of one case).
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are in a fixed order, pages only append
            <Table.Tr key={`${item.caseId}-${index}`}>
              <Table.Th scope="row" fw={500}>
                <AnchorLink
                  to="/cases/$reference"
                  params={{ reference: item.reference }}
                  onClick={onClose}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {item.reference}
                </AnchorLink>
              </Table.Th>
              <Table.Td>{item.subject}</Table.Td>
              <Table.Td>{t(`status.${item.status}`)}</Table.Td>
              <Table.Td>{item.teamName ?? t('stats.drill.noTeam')}</Table.Td>
              <Table.Td>{item.assigneeName ?? t('case.unassigned')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBerlin(item.at, locale, 'dateTime')}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {cases.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Dialog>
  );
}

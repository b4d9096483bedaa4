import { formatIsoDay } from '@anliegen/shared';
import { Button, Table } from '@mantine/core';
import type { RouterOutputs } from '../../lib/api-types';
import { usePageI18n } from '../../i18n/page-i18n';
import { AnchorLink } from '../ui/anchor-link';
import { DataTable } from '../ui/data-table';
import { WholeBadge } from './status-badge';

/** A search marks people found by a name like the one typed (`similar`). */
type Citizen = RouterOutputs['citizens']['lookup'][number] & { similar?: boolean };

/**
 * Citizens found by a lookup or a search: name (to their history), contacts, birth date, open cases. With
 * `onSelect` (the admin's data subject requests, who may not open the history) the name is plain text and each row
 * gets a button that picks the citizen. A card per person in a narrow column (DataTable).
 */
export function CitizenTable({
  citizens,
  caption,
  onSelect,
}: {
  citizens: Citizen[];
  caption: string;
  onSelect?: (citizen: Citizen) => void;
}) {
  const { t, locale } = usePageI18n();
  const columns = [
    t('citizens.name'),
    t('citizens.contact'),
    t('citizens.birthDate'),
    { label: t('citizens.openCases'), numeric: true },
    ...(onSelect ? [{ label: t('users.actions'), actions: true }] : []),
  ];
  return (
    <DataTable caption={caption} columns={columns} rowCount={citizens.length} minWidth={560}>
      {citizens.map((citizen) => (
        <Table.Tr key={citizen.id}>
          <Table.Th scope="row" fw={400}>
            {onSelect ? (
              citizen.displayName
            ) : (
              <AnchorLink to="/citizens/$id" params={{ id: citizen.id }} fw={600}>
                {citizen.displayName}
              </AnchorLink>
            )}
            {citizen.similar && (
              <WholeBadge color="gray" ml="xs">
                {t('search.similarName')}
              </WholeBadge>
            )}
          </Table.Th>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>
            {citizen.contacts.map((contact) => contact.display).join(', ') || t('common.none')}
          </Table.Td>
          <Table.Td>{citizen.birthDate ? formatIsoDay(citizen.birthDate, locale) : t('common.none')}</Table.Td>
          <Table.Td ta="right">{citizen.openCases}</Table.Td>
          {onSelect && (
            <Table.Td>
              <Button
                size="xs"
                variant="default"
                aria-label={`${t('citizens.select')}: ${citizen.displayName}`}
                onClick={() => onSelect(citizen)}
              >
                {t('citizens.select')}
              </Button>
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}

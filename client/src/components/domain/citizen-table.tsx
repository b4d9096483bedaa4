import { formatIsoDay } from '@anliegen/shared';
import { Button, Table } from '@mantine/core';
import type { RouterOutputs } from '../../lib/api-types';
import { usePageI18n } from '../../i18n/page-i18n';
import { AnchorLink } from '../ui/anchor-link';

type Citizen = RouterOutputs['citizens']['lookup'][number];

/**
 * Citizens found by a lookup or a search: name (to their history), contacts, birth date, open cases. With
 * `onSelect` (the admin's data subject requests, who may not open the history) the name is plain text and each row
 * gets a button that picks the citizen.
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
  return (
    <Table striped highlightOnHover>
      <caption className="visually-hidden">{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('citizens.name')}</Table.Th>
          <Table.Th scope="col">{t('citizens.contact')}</Table.Th>
          <Table.Th scope="col">{t('citizens.birthDate')}</Table.Th>
          <Table.Th scope="col">{t('citizens.openCases')}</Table.Th>
          {onSelect && <Table.Th scope="col">{t('users.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {citizens.map((citizen) => (
          <Table.Tr key={citizen.id}>
            <Table.Td>
              {onSelect ? (
                citizen.displayName
              ) : (
                <AnchorLink to="/citizens/$id" params={{ id: citizen.id }} fw={600}>
                  {citizen.displayName}
                </AnchorLink>
              )}
            </Table.Td>
            <Table.Td>{citizen.contacts.map((contact) => contact.display).join(', ') || t('common.none')}</Table.Td>
            <Table.Td>{citizen.birthDate ? formatIsoDay(citizen.birthDate, locale) : t('common.none')}</Table.Td>
            <Table.Td>{citizen.openCases}</Table.Td>
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
      </Table.Tbody>
    </Table>
  );
}

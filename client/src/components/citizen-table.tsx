import { Table } from '@mantine/core';
import type { RouterOutputs } from '../lib/api-types';
import { useI18n } from '../i18n/i18n';
import { AnchorLink } from './anchor-link';

type Citizen = RouterOutputs['citizens']['lookup'][number];

/** Citizens found by a lookup or a search: name (to their history), contacts, birth date, open cases. */
export function CitizenTable({ citizens, caption }: { citizens: Citizen[]; caption: string }) {
  const { t } = useI18n();
  return (
    <Table striped highlightOnHover>
      <caption className="visually-hidden">{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('citizens.name')}</Table.Th>
          <Table.Th scope="col">{t('citizens.contact')}</Table.Th>
          <Table.Th scope="col">{t('citizens.birthDate')}</Table.Th>
          <Table.Th scope="col">{t('citizens.openCases')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {citizens.map((citizen) => (
          <Table.Tr key={citizen.id}>
            <Table.Td>
              <AnchorLink to="/citizens/$id" params={{ id: citizen.id }} fw={600}>
                {citizen.displayName}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{citizen.contacts.map((contact) => contact.display).join(', ') || t('common.none')}</Table.Td>
            <Table.Td>{citizen.birthDate ?? t('common.none')}</Table.Td>
            <Table.Td>{citizen.openCases}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

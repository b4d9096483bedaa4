import { Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { EditButton } from '../../components/edit-button';
import { NewButton } from '../../components/new-button';
import { PageHeader } from '../../components/page-header';
import { StatusMessage } from '../../components/status-message';
import { useEditor } from '../../components/use-editor';
import { useI18n } from '../../i18n/i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { TeamFormModal } from './team-form-modal';

type Team = RouterOutputs['teams']['list'][number];

export function TeamsPage() {
  const { t, formatNumber } = useI18n();
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const editor = useEditor<Team>();

  return (
    <>
      <PageHeader title={t('teams.title')} actions={<NewButton label={t('teams.new')} onClick={editor.openNew} />} />
      <StatusMessage message={editor.message} />
      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('teams.name')}</Table.Th>
              <Table.Th scope="col">{t('teams.emailAddress')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('teams.members')}
              </Table.Th>
              <Table.Th scope="col">{t('teams.assignment')}</Table.Th>
              <Table.Th scope="col">{t('teams.bundesland')}</Table.Th>
              <Table.Th scope="col">{t('users.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {teams.map((team) => (
              <Table.Tr key={team.id}>
                <Table.Th scope="row" fw={500}>
                  {team.name}
                </Table.Th>
                <Table.Td>{team.emailAddress ?? <Text c="dimmed">{t('common.none')}</Text>}</Table.Td>
                <Table.Td ta="right">{formatNumber(team.memberCount)}</Table.Td>
                <Table.Td>{t(`assignmentMode.${team.assignmentMode}`)}</Table.Td>
                <Table.Td>{t(`bundesland.${team.bundesland}`)}</Table.Td>
                <Table.Td>
                  <EditButton accessibleName={t('teams.edit', { name: team.name })} onClick={() => editor.openEdit(team)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editor.open && <TeamFormModal team={editor.open.item} onClose={editor.close} onSaved={editor.saved} />}
    </>
  );
}

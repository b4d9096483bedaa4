import { Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { DataTable } from '../../components/ui/data-table';
import { EditButton } from '../../components/ui/row-buttons';
import { NewButton } from '../../components/ui/new-button';
import { PageHeader } from '../../components/ui/page-header';
import { StatusMessage } from '../../components/ui/status-message';
import { useEditor } from '../../components/ui/use-editor';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { TeamFormModal } from './team-form-modal';

type Team = RouterOutputs['teams']['list'][number];

export function TeamsPage() {
  const { t, formatNumber } = usePageI18n();
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const editor = useEditor<Team>();

  return (
    <>
      <PageHeader title={t('teams.title')} actions={<NewButton label={t('teams.new')} onClick={editor.openNew} />} />
      <StatusMessage message={editor.message} />
      <DataTable
        caption={t('teams.caption')}
        minWidth={860}
        rowCount={teams.length}
        columns={[
          t('teams.name'),
          t('teams.emailAddress'),
          { label: t('teams.members'), numeric: true },
          t('teams.assignment'),
          t('teams.bundesland'),
          { label: t('users.actions'), actions: true },
        ]}
      >
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
      </DataTable>
      {editor.open && <TeamFormModal team={editor.open.item} onClose={editor.close} onSaved={editor.saved} />}
    </>
  );
}

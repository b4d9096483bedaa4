import { Group, Table, Text } from '@mantine/core';
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
import { UserFormModal } from './user-form-modal';
import { WholeBadge } from '../../components/domain/status-badge';

type User = RouterOutputs['users']['list'][number];

export function UsersPage() {
  const { t } = usePageI18n();
  const users = useSuspenseQuery(trpc.users.list.queryOptions()).data;
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const editor = useEditor<User>();

  return (
    <>
      <PageHeader title={t('users.title')} actions={<NewButton label={t('users.new')} onClick={editor.openNew} />} />
      <StatusMessage message={editor.message} />
      <DataTable
        caption={t('users.caption')}
        minWidth={720}
        rowCount={users.length}
        columns={[
          t('users.name'),
          t('users.email'),
          t('users.role'),
          t('users.teams'),
          t('users.status'),
          { label: t('users.actions'), actions: true },
        ]}
      >
        {users.map((user) => (
          <Table.Tr key={user.id}>
            <Table.Th scope="row" fw={500}>
              {user.displayName}
            </Table.Th>
            <Table.Td>{user.email}</Table.Td>
            <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
            <Table.Td>
              {user.teams.length > 0 ? (
                <Group gap={4}>
                  {user.teams.map((team) => (
                    <WholeBadge key={team.id} color="gray">
                      {team.name}
                    </WholeBadge>
                  ))}
                </Group>
              ) : (
                <Text c="dimmed">{t('common.none')}</Text>
              )}
            </Table.Td>
            <Table.Td>{user.active ? t('users.active') : t('users.inactive')}</Table.Td>
            <Table.Td>
              <EditButton accessibleName={t('users.edit', { name: user.displayName })} onClick={() => editor.openEdit(user)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {editor.open && <UserFormModal user={editor.open.item} teams={teams} onClose={editor.close} onSaved={editor.saved} />}
    </>
  );
}

import { Group, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '../../components/ui/data-table';
import { DeleteButton, EditButton } from '../../components/ui/row-buttons';
import { FormDialog } from '../../components/ui/form-dialog';
import { NewButton } from '../../components/ui/new-button';
import { PageHeader } from '../../components/ui/page-header';
import { StatusMessage } from '../../components/ui/status-message';
import { useEditor } from '../../components/ui/use-editor';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';
import { CannedResponseFormModal } from './canned-response-form-modal';
import { useRemoveCannedResponse } from './api';

type CannedResponse = RouterOutputs['cannedResponses']['list'][number];

/**
 * Canned responses (Textbausteine): admins manage all of them, team leads those of their own teams and see the
 * ones for every team (which only admins change). The server decides; `editable` only hides buttons.
 */
export function CannedResponsesPage() {
  const { t } = usePageI18n();
  const me = useSuspenseQuery(meQuery()).data;
  const responses = useSuspenseQuery(trpc.cannedResponses.list.queryOptions()).data;
  const allTeams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const editor = useEditor<CannedResponse>();
  const [removing, setRemoving] = useState<CannedResponse | null>(null);

  const isAdmin = me?.role === 'admin';
  const ownTeamIds = new Set(me?.teams.map((team) => team.id));
  const teams = isAdmin ? allTeams : allTeams.filter((team) => ownTeamIds.has(team.id));
  const canCreate = isAdmin || teams.length > 0;

  return (
    <>
      <PageHeader
        title={t('cannedResponses.title')}
        actions={canCreate && <NewButton label={t('cannedResponses.new')} onClick={editor.openNew} />}
      />
      {!canCreate && (
        <Text c="dimmed" mb="md">
          {t('cannedResponses.noTeams')}
        </Text>
      )}
      <StatusMessage message={editor.message} />
      <DataTable
        caption={t('cannedResponses.caption')}
        empty={t('cannedResponses.empty')}
        minWidth={640}
        rowCount={responses.length}
        columns={[
          t('cannedResponses.titleField'),
          t('cannedResponses.team'),
          t('cannedResponses.body'),
          { label: t('users.actions'), actions: true },
        ]}
      >
        {responses.map((response) => (
          <Table.Tr key={response.id}>
            <Table.Th scope="row" fw={500}>
              {response.title}
            </Table.Th>
            <Table.Td>{response.teamName ?? t('cannedResponses.allTeams')}</Table.Td>
            <Table.Td maw={420}>
              {/* The whole text: this is the page to read them (no cut text, WCAG 1.4.12). */}
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {response.body}
              </Text>
            </Table.Td>
            <Table.Td>
              {response.editable ? (
                <Group gap="xs" wrap="nowrap">
                  <EditButton
                    accessibleName={t('cannedResponses.edit', { title: response.title })}
                    onClick={() => editor.openEdit(response)}
                  />
                  <DeleteButton
                    accessibleName={t('cannedResponses.deleteLabel', { title: response.title })}
                    onClick={() => setRemoving(response)}
                  />
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('cannedResponses.readOnly')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {editor.open && (
        <CannedResponseFormModal
          response={editor.open.item}
          teams={teams}
          allowEveryTeam={isAdmin}
          onClose={editor.close}
          onSaved={editor.saved}
        />
      )}
      {removing && (
        <RemoveDialog
          response={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            setRemoving(null);
            editor.saved(t('cannedResponses.deleted'));
          }}
        />
      )}
    </>
  );
}

function RemoveDialog({
  response,
  onClose,
  onRemoved,
}: {
  response: CannedResponse;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t } = usePageI18n();
  const remove = useRemoveCannedResponse();
  return (
    <FormDialog
      title={t('cannedResponses.deleteTitle', { title: response.title })}
      submitLabel={t('cannedResponses.delete')}
      pending={remove.isPending}
      error={remove.error}
      onSubmit={() => remove.mutate({ id: response.id }, { onSuccess: onRemoved })}
      onClose={onClose}
    >
      <Text>{t('cannedResponses.deleteConfirm', { title: response.title })}</Text>
    </FormDialog>
  );
}

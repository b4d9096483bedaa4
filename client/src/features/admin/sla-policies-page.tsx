import { Group, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { DataTable } from '../../components/ui/data-table';
import { DeleteButton, EditButton } from '../../components/ui/row-buttons';
import { ErrorAlert } from '../../components/ui/error-alert';
import { NewButton } from '../../components/ui/new-button';
import { PageHeader } from '../../components/ui/page-header';
import { StatusMessage } from '../../components/ui/status-message';
import { useEditor } from '../../components/ui/use-editor';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { formatBusinessMinutes } from './business-duration';
import { SlaPolicyFormModal } from './sla-policy-form-modal';
import { useRemoveSlaPolicy } from './api/admin-mutations';

type SlaPolicy = RouterOutputs['slaPolicies']['list'][number];

export function SlaPoliciesPage() {
  const { t, formatNumber } = usePageI18n();
  const policies = useSuspenseQuery(trpc.slaPolicies.list.queryOptions()).data;
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const editor = useEditor<SlaPolicy>();
  const remove = useRemoveSlaPolicy();

  const target = (minutes: number | null) =>
    minutes === null ? <Text c="dimmed">{t('common.none')}</Text> : formatBusinessMinutes(minutes, t, formatNumber);
  const nameOf = (policy: SlaPolicy) =>
    t('sla.rowName', {
      category: policy.categoryName ?? t('sla.anyCategory'),
      priority: policy.priority ? t(`priority.${policy.priority}`) : t('sla.anyPriority'),
    });

  return (
    <>
      <PageHeader title={t('sla.title')} actions={<NewButton label={t('sla.new')} onClick={editor.openNew} />} />
      <Text mb="md" maw="60rem">
        {t('sla.intro')}
      </Text>
      <StatusMessage message={editor.message} />
      <ErrorAlert error={remove.error} />
      <DataTable
        caption={t('sla.caption')}
        empty={t('sla.empty')}
        minWidth={720}
        rowCount={policies.length}
        columns={[
          t('sla.category'),
          t('sla.priority'),
          t('sla.firstResponse'),
          t('sla.resolution'),
          { label: t('users.actions'), actions: true },
        ]}
      >
        {policies.map((policy) => (
          <Table.Tr key={policy.id}>
            <Table.Th scope="row" fw={500}>
              {policy.categoryName ?? t('sla.anyCategory')}
            </Table.Th>
            <Table.Td>{policy.priority ? t(`priority.${policy.priority}`) : t('sla.anyPriority')}</Table.Td>
            <Table.Td>{target(policy.firstResponseMinutes)}</Table.Td>
            <Table.Td>{target(policy.resolutionMinutes)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <EditButton accessibleName={t('sla.edit', { name: nameOf(policy) })} onClick={() => editor.openEdit(policy)} />
                <DeleteButton
                  accessibleName={t('sla.remove', { name: nameOf(policy) })}
                  onClick={() => {
                    if (!remove.isPending) remove.mutate({ id: policy.id }, { onSuccess: () => editor.saved(t('sla.removed')) });
                  }}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {editor.open && (
        <SlaPolicyFormModal policy={editor.open.item} categories={categories} onClose={editor.close} onSaved={editor.saved} />
      )}
    </>
  );
}

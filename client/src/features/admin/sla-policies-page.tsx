import { Button, Group, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { EditButton } from '../../components/edit-button';
import { ErrorAlert } from '../../components/error-alert';
import { NewButton } from '../../components/new-button';
import { PageHeader } from '../../components/page-header';
import { StatusMessage } from '../../components/status-message';
import { useEditor } from '../../components/use-editor';
import { useI18n } from '../../i18n/i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { formatBusinessMinutes } from './business-duration';
import { SlaPolicyFormModal } from './sla-policy-form-modal';
import { useRemoveSlaPolicy } from './use-admin-mutations';

type SlaPolicy = RouterOutputs['slaPolicies']['list'][number];

export function SlaPoliciesPage() {
  const { t, formatNumber } = useI18n();
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
      {policies.length === 0 ? (
        <Text c="dimmed">{t('sla.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <caption className="visually-hidden">{t('sla.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sla.category')}</Table.Th>
                <Table.Th scope="col">{t('sla.priority')}</Table.Th>
                <Table.Th scope="col">{t('sla.firstResponse')}</Table.Th>
                <Table.Th scope="col">{t('sla.resolution')}</Table.Th>
                <Table.Th scope="col">{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
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
                      <EditButton
                        accessibleName={t('sla.edit', { name: nameOf(policy) })}
                        onClick={() => editor.openEdit(policy)}
                      />
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconTrash size={14} aria-hidden />}
                        aria-label={t('sla.remove', { name: nameOf(policy) })}
                        onClick={() => {
                          if (!remove.isPending)
                            remove.mutate({ id: policy.id }, { onSuccess: () => editor.saved(t('sla.removed')) });
                        }}
                      >
                        {t('common.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editor.open && (
        <SlaPolicyFormModal policy={editor.open.item} categories={categories} onClose={editor.close} onSaved={editor.saved} />
      )}
    </>
  );
}

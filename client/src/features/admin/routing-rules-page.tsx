import { ActionIcon, Group, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { DataTable } from '../../components/ui/data-table';
import { ErrorAlert } from '../../components/ui/error-alert';
import { DeleteButton } from '../../components/ui/row-buttons';
import { NewButton } from '../../components/ui/new-button';
import { PageHeader } from '../../components/ui/page-header';
import { StatusMessage } from '../../components/ui/status-message';
import { useEditor } from '../../components/ui/use-editor';
import type { Translate } from '../../i18n/i18n';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { RoutingRuleFormModal } from './routing-rule-form-modal';
import { BarrierCategorySection } from './barrier-category-section';
import { useMoveRoutingRule, useRemoveRoutingRule } from './api/admin-mutations';

type RoutingRule = RouterOutputs['routingRules']['list'][number];

/** What a rule looks for, in words. */
function conditionOf(rule: RoutingRule, t: Translate): string {
  switch (rule.kind) {
    case 'channel':
      return t(`channels.${rule.value as 'email' | 'webform' | 'phone' | 'counter'}`);
    case 'category':
      return rule.categoryName ?? t('routing.deletedCategory', { id: rule.value });
    case 'keyword':
      return t('routing.quoted', { value: rule.value });
    default:
      return rule.value;
  }
}

export function RoutingRulesPage() {
  const { t } = usePageI18n();
  const rules = useSuspenseQuery(trpc.routingRules.list.queryOptions()).data;
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const editor = useEditor<never>();
  const remove = useRemoveRoutingRule();
  const move = useMoveRoutingRule();
  // Buttons stay enabled while a change is on its way (a disabled button would lose the keyboard focus).
  const busy = remove.isPending || move.isPending;
  const moveRule = (rule: RoutingRule, direction: 'up' | 'down') => {
    if (busy) return;
    remove.reset();
    move.mutate({ id: rule.id, direction }, { onSuccess: ({ position }) => editor.saved(t('routing.moved', { n: position })) });
  };

  return (
    <>
      <PageHeader title={t('routing.title')} actions={<NewButton label={t('routing.new')} onClick={editor.openNew} />} />
      <Text mb="md" maw="60rem">
        {t('routing.intro')}
      </Text>
      <StatusMessage message={editor.message} />
      <ErrorAlert error={remove.error ?? move.error} />
      <DataTable
        caption={t('routing.caption')}
        empty={t('routing.empty')}
        minWidth={720}
        rowCount={rules.length}
        columns={[
          t('routing.position'),
          t('routing.kind'),
          t('routing.condition'),
          t('routing.team'),
          t('routing.order'),
          { label: t('users.actions'), actions: true },
        ]}
      >
        {rules.map((rule, index) => (
          <Table.Tr key={rule.id}>
            <Table.Th scope="row">{rule.position}</Table.Th>
            <Table.Td>{t(`routing.kind.${rule.kind}`)}</Table.Td>
            <Table.Td>{conditionOf(rule, t)}</Table.Td>
            <Table.Td>{rule.teamName}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="default"
                  aria-label={t('routing.moveUp', { n: rule.position })}
                  disabled={index === 0}
                  onClick={() => moveRule(rule, 'up')}
                >
                  <IconArrowUp size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  aria-label={t('routing.moveDown', { n: rule.position })}
                  disabled={index === rules.length - 1}
                  onClick={() => moveRule(rule, 'down')}
                >
                  <IconArrowDown size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Table.Td>
            <Table.Td>
              <DeleteButton
                accessibleName={t('routing.remove', { n: rule.position })}
                onClick={() => {
                  if (busy) return;
                  move.reset();
                  remove.mutate({ id: rule.id }, { onSuccess: () => editor.saved(t('routing.removed')) });
                }}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <BarrierCategorySection categories={categories} />
      {editor.open && (
        <RoutingRuleFormModal teams={teams} categories={categories} onClose={editor.close} onSaved={editor.saved} />
      )}
    </>
  );
}

import { IMPACT_METRIC_SPEC } from '@anliegen/shared';
import { Anchor, Checkbox, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { DataTable } from '../../components/ui/data-table';
import { ErrorAlert } from '../../components/ui/error-alert';
import { NewButton } from '../../components/ui/new-button';
import { PageHeader } from '../../components/ui/page-header';
import { DeleteButton, EditButton } from '../../components/ui/row-buttons';
import { StatusMessage } from '../../components/ui/status-message';
import { useEditor } from '../../components/ui/use-editor';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { useRemoveImpactTarget, useSetPublicFigures } from './api/impact';
import { ImpactTargetFormModal } from './impact-target-form-modal';
import { useTargetText } from './impact-target-text';

type Target = RouterOutputs['impact']['targets']['targets'][number];

/** Where the town publishes its figures (server: channels/webform/figures.routes.ts). */
const PUBLIC_FIGURES_PATH = '/anliegen/kennzahlen';

/**
 * The targets the service committed to (issue 18), per figure for the whole desk or one team, and whether the
 * figures are published at /anliegen/kennzahlen for the town's website. Admins only.
 */
export function ImpactTargetsPage() {
  const { t } = usePageI18n();
  const { targets, publicFigures } = useSuspenseQuery(trpc.impact.targets.queryOptions()).data;
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const editor = useEditor<Target>();
  const remove = useRemoveImpactTarget();
  const publish = useSetPublicFigures();
  const targetText = useTargetText();
  const scopeOf = (target: Target) => target.teamName ?? t('impactAdmin.wholeDesk');
  const nameOf = (target: Target) => `${t(`impact.metric.${target.metric}`)}, ${scopeOf(target)}`;

  return (
    <>
      <PageHeader title={t('impactAdmin.title')} actions={<NewButton label={t('impactAdmin.new')} onClick={editor.openNew} />} />
      <Text mb="md" maw="60rem">
        {t('impactAdmin.intro')}
      </Text>
      <Paper withBorder p="md" mb="lg" maw="60rem" component="section" aria-labelledby="public-figures-title">
        <Title order={2} size="h4" id="public-figures-title" mb="xs">
          {t('impactAdmin.publicTitle')}
        </Title>
        <Checkbox
          label={t('impactAdmin.public')}
          description={t('impactAdmin.publicHint', { path: PUBLIC_FIGURES_PATH })}
          checked={publicFigures}
          disabled={publish.isPending}
          onChange={(event) => publish.mutate({ enabled: event.currentTarget.checked })}
        />
        {publicFigures && (
          <Group gap="md" mt="sm">
            <Anchor href={PUBLIC_FIGURES_PATH} target="_blank" rel="noopener">
              {t('impactAdmin.publicOpen')}
            </Anchor>
            <Anchor href={`${PUBLIC_FIGURES_PATH}.json`} target="_blank" rel="noopener">
              {t('impactAdmin.publicJson')}
            </Anchor>
          </Group>
        )}
        <ErrorAlert error={publish.error} />
      </Paper>
      <Title order={2} size="h4" mb="xs">
        {t('impactAdmin.targets')}
      </Title>
      <Text size="sm" mb="sm" maw="60rem">
        {t('impactAdmin.targetsHint')}
      </Text>
      <StatusMessage message={editor.message} />
      <ErrorAlert error={remove.error} />
      <DataTable
        caption={t('impactAdmin.targets')}
        empty={t('impactAdmin.empty')}
        minWidth={720}
        rowCount={targets.length}
        columns={[
          t('impactAdmin.metric'),
          t('impactAdmin.scope'),
          t('impactAdmin.target'),
          { label: t('users.actions'), actions: true },
        ]}
      >
        {targets.map((target) => (
          <Table.Tr key={target.id}>
            <Table.Th scope="row" fw={500}>
              {t(`impact.metric.${target.metric}`)}
            </Table.Th>
            <Table.Td>{scopeOf(target)}</Table.Td>
            <Table.Td>
              {t(IMPACT_METRIC_SPEC[target.metric].direction === 'atLeast' ? 'impact.target.atLeast' : 'impact.target.atMost', {
                target: targetText(target.metric, target.target),
              })}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <EditButton
                  accessibleName={t('impactAdmin.edit', { name: nameOf(target) })}
                  onClick={() => editor.openEdit(target)}
                />
                <DeleteButton
                  accessibleName={t('impactAdmin.remove', { name: nameOf(target) })}
                  onClick={() => {
                    if (!remove.isPending)
                      remove.mutate({ id: target.id }, { onSuccess: () => editor.saved(t('impactAdmin.removed')) });
                  }}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {editor.open && (
        <ImpactTargetFormModal target={editor.open.item} teams={teams} onClose={editor.close} onSaved={editor.saved} />
      )}
    </>
  );
}

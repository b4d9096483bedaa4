import { Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '../../components/ui/data-table';
import { FormDialog } from '../../components/ui/form-dialog';
import { EditButton } from '../../components/ui/row-buttons';
import { StatusMessage } from '../../components/ui/status-message';
import { useEditor } from '../../components/ui/use-editor';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { RetentionFormModal } from './retention-form-modal';
import { useRunRetention } from './api/admin-mutations';

type Category = RouterOutputs['categories']['list'][number];
type Preview = RouterOutputs['privacy']['retentionPreview'];

/**
 * Retention periods per category, what the hourly job would anonymise now (its dry run), and running it at once
 * after a confirmation that names the counts.
 */
export function RetentionSection() {
  const { t, formatNumber } = usePageI18n();
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const preview = useSuspenseQuery(trpc.privacy.retentionPreview.queryOptions()).data;
  const editor = useEditor<Category>();
  const [confirming, setConfirming] = useState(false);
  const run = useRunRetention();
  const dueByCategory = new Map(preview.categories.map((row) => [row.categoryId, row.cases]));

  return (
    <Stack component="section" aria-labelledby="retention-heading" gap="sm">
      <Title order={2} size="h3" id="retention-heading">
        {t('privacy.retention.title')}
      </Title>
      <Text maw="60rem">{t('privacy.retention.intro')}</Text>
      <StatusMessage message={editor.message} />
      <DataTable
        caption={t('privacy.retention.caption')}
        minWidth={640}
        rowCount={categories.length}
        columns={[
          t('privacy.retention.category'),
          t('privacy.retention.period'),
          { label: t('privacy.retention.due'), numeric: true },
          { label: t('users.actions'), actions: true },
        ]}
      >
        {categories.map((category) => (
          <Table.Tr key={category.id}>
            <Table.Th scope="row" fw={500}>
              {category.name}
            </Table.Th>
            <Table.Td>
              {category.retentionDays === null
                ? t('privacy.retention.forever')
                : t('privacy.retention.days', { n: formatNumber(category.retentionDays) })}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(dueByCategory.get(category.id) ?? 0)}</Table.Td>
            <Table.Td>
              <EditButton
                accessibleName={t('privacy.retention.edit', { name: category.name })}
                onClick={() => editor.openEdit(category)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <PreviewSummary preview={preview} />
      <Group>
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          onClick={() => {
            run.reset();
            setConfirming(true);
          }}
        >
          {t('privacy.retention.run')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('privacy.retention.jobHint')}
        </Text>
      </Group>
      {editor.open?.item && <RetentionFormModal category={editor.open.item} onClose={editor.close} onSaved={editor.saved} />}
      {confirming && (
        <FormDialog
          title={t('privacy.retention.confirmTitle')}
          submitLabel={t('privacy.retention.confirmSubmit')}
          danger
          pending={run.isPending}
          error={run.error}
          onClose={() => setConfirming(false)}
          onSubmit={() =>
            run.mutate(undefined, {
              onSuccess: (result) => {
                setConfirming(false);
                editor.saved(
                  t('privacy.retention.done', {
                    cases: formatNumber(result.cases),
                    interactions: formatNumber(result.interactions),
                    attachments: formatNumber(result.attachments),
                    citizens: formatNumber(result.citizens),
                    files: formatNumber(result.files),
                  }),
                );
              },
            })
          }
        >
          {preview.cases === 0 ? (
            <Text>{t('privacy.retention.nothingDue')}</Text>
          ) : (
            <>
              <Text>{t('privacy.retention.confirmText')}</Text>
              <PreviewCounts preview={preview} />
              <Text fw={600}>{t('privacy.irreversible')}</Text>
            </>
          )}
        </FormDialog>
      )}
    </Stack>
  );
}

function PreviewSummary({ preview }: { preview: Preview }) {
  const { t } = usePageI18n();
  return (
    <div>
      <Text fw={600}>{t('privacy.retention.previewTitle')}</Text>
      {preview.cases === 0 ? <Text>{t('privacy.retention.nothingDue')}</Text> : <PreviewCounts preview={preview} />}
    </div>
  );
}

/** The preview's counts as a list: cases (with their categories) and the citizens who lose their data with them. */
function PreviewCounts({ preview }: { preview: Preview }) {
  const { t, formatNumber } = usePageI18n();
  const categories = preview.categories.filter((row) => row.cases > 0);
  return (
    <List>
      <List.Item>
        {t('privacy.retention.dueCases', {
          n: formatNumber(preview.cases),
          categories: categories.map((row) => `${row.name} ${formatNumber(row.cases)}`).join(', '),
        })}
      </List.Item>
      <List.Item>{t('privacy.retention.dueCitizens', { n: formatNumber(preview.citizens) })}</List.Item>
    </List>
  );
}

import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { StatusMessage } from '../../components/ui/status-message';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { useSetBarrierCategory } from './api/admin-mutations';

/**
 * Where reported barriers go (issue 18): the public "Barriere melden" form of the Erklärung zur Barrierefreiheit
 * (/anliegen/barrierefreiheit) opens a case in this category, which routes it like any other; none: without category.
 * Saved with its button, not on every choice (each save is an audit event).
 */
export function BarrierCategorySection({ categories }: { categories: RouterOutputs['categories']['list'] }) {
  const { t } = usePageI18n();
  const current = useSuspenseQuery(trpc.accessibility.barrierCategory.queryOptions()).data.categoryId;
  const [chosen, setChosen] = useState(current === null ? '' : String(current));
  const [saved, setSaved] = useState('');
  const save = useSetBarrierCategory();
  return (
    <Stack component="section" aria-labelledby="barrier-category-heading" gap="sm" maw="60rem" mt="xl">
      <Title order={2} size="h3" id="barrier-category-heading">
        {t('barrierCategory.title')}
      </Title>
      <Text>{t('barrierCategory.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSaved('');
          save.mutate(
            { categoryId: chosen === '' ? null : Number(chosen) },
            { onSuccess: () => setSaved(t('barrierCategory.saved')) },
          );
        }}
      >
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('barrierCategory.label')}
            value={chosen}
            data={[
              { value: '', label: t('barrierCategory.none') },
              ...categories.map((category) => ({ value: String(category.id), label: category.name })),
            ]}
            onChange={(event) => setChosen(event.currentTarget.value)}
          />
          <Button type="submit" loading={save.isPending}>
            {t('barrierCategory.save')}
          </Button>
        </Group>
      </form>
      <StatusMessage message={saved} mt="sm" />
      <ErrorAlert error={save.error} />
    </Stack>
  );
}

import { TAG_COLORS, type TagColor } from '@anliegen/shared';
import { Button, Checkbox, Group, NativeSelect, Paper, Table, Text, TextInput } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TagChips } from '../../components/domain/tag-chips';
import { DataTable } from '../../components/ui/data-table';
import { ErrorAlert } from '../../components/ui/error-alert';
import { PageHeader } from '../../components/ui/page-header';
import { DeleteButton } from '../../components/ui/row-buttons';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { useCreateTag, useMergeTags, useRemoveTag, useSetTagSettings, useUpdateTag } from './api/tags';

type Tag = RouterOutputs['tags']['adminList']['tags'][number];

/**
 * The admins' tags (issue 16): the curated list with a colour each (a palette whose text passes WCAG AA), the free
 * tags agents typed (taken into the list by giving them a colour), renaming, merging one tag into another, deleting,
 * and whether agents may type new tags at all.
 */
export function TagsPage() {
  const { t } = usePageI18n();
  const { tags, onlyCurated } = useSuspenseQuery(trpc.tags.adminList.queryOptions()).data;
  const [name, setName] = useState('');
  const [color, setColor] = useState<TagColor>('blue');
  const create = useCreateTag({ onCreated: () => setName('') });
  const settings = useSetTagSettings();
  const colorOptions = TAG_COLORS.map((value) => ({ value, label: t(`tags.color.${value}`) }));

  return (
    <>
      <PageHeader title={t('tags.title')} />
      <Text mb="md" maw="60rem">
        {t('tags.intro')}
      </Text>
      <Checkbox
        mb="md"
        label={t('tags.onlyCurated')}
        description={t('tags.onlyCurated.description')}
        checked={onlyCurated}
        disabled={settings.isPending}
        onChange={(event) => settings.mutate({ onlyCurated: event.currentTarget.checked })}
      />
      <ErrorAlert error={settings.error} />
      <Paper withBorder p="sm" mb="md" maw="40rem">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create.mutate({ name, color });
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput label={t('tags.name')} value={name} maxLength={40} onChange={(e) => setName(e.currentTarget.value)} />
            <NativeSelect
              label={t('tags.color')}
              value={color}
              data={colorOptions}
              onChange={(e) => setColor(e.currentTarget.value as TagColor)}
            />
            <Button type="submit" loading={create.isPending}>
              {t('tags.add')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={create.error} />
      </Paper>
      <DataTable
        caption={t('tags.title')}
        empty={t('tags.none')}
        minWidth={900}
        rowCount={tags.length}
        columns={[t('tags.name'), t('tags.kind'), t('tags.cases'), { label: t('tags.actions'), actions: true }]}
      >
        {tags.map((tag) => (
          <TagRow key={tag.id} tag={tag} others={tags.filter((other) => other.id !== tag.id)} colorOptions={colorOptions} />
        ))}
      </DataTable>
    </>
  );
}

function TagRow({ tag, others, colorOptions }: { tag: Tag; others: Tag[]; colorOptions: { value: TagColor; label: string }[] }) {
  const { t, formatNumber } = usePageI18n();
  const [name, setName] = useState(tag.name);
  const [mergeInto, setMergeInto] = useState('');
  const update = useUpdateTag();
  const merge = useMergeTags();
  const remove = useRemoveTag();
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <TagChips tags={[tag]} freeLabel={t('tags.free')} />
      </Table.Th>
      <Table.Td>{tag.curated ? t('tags.curated') : t('tags.free')}</Table.Td>
      <Table.Td>{formatNumber(tag.cases ?? 0)}</Table.Td>
      <Table.Td>
        <Group gap="xs" align="flex-end">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              update.mutate({ id: tag.id, name });
            }}
          >
            <Group gap={4} align="flex-end">
              <TextInput
                size="xs"
                label={`${t('tags.rename')}: ${tag.name}`}
                value={name}
                maxLength={40}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Button size="xs" type="submit" variant="default" disabled={name.trim() === tag.name}>
                {t('tags.save')}
              </Button>
            </Group>
          </form>
          <NativeSelect
            size="xs"
            label={`${tag.curated ? t('tags.color') : t('tags.takeIntoList')}: ${tag.name}`}
            value={tag.curated ? (tag.color ?? 'gray') : ''}
            data={[...(tag.curated ? [] : [{ value: '', label: '–' }]), ...colorOptions]}
            onChange={(e) =>
              e.currentTarget.value && update.mutate({ id: tag.id, color: e.currentTarget.value as TagColor, curated: true })
            }
          />
          {others.length > 0 && (
            <Group gap={4} align="flex-end">
              <NativeSelect
                size="xs"
                label={t('tags.mergeInto', { name: tag.name })}
                value={mergeInto}
                data={[{ value: '', label: '–' }, ...others.map((other) => ({ value: String(other.id), label: other.name }))]}
                onChange={(e) => setMergeInto(e.currentTarget.value)}
              />
              <Button
                size="xs"
                variant="default"
                disabled={!mergeInto}
                onClick={() => merge.mutate({ tagId: tag.id, intoTagId: Number(mergeInto) })}
              >
                {t('tags.merge')}
              </Button>
            </Group>
          )}
          <DeleteButton
            accessibleName={t('tags.delete', { name: tag.name })}
            onClick={() => {
              if (window.confirm(t('tags.deleteConfirm', { name: tag.name, n: tag.cases ?? 0 }))) remove.mutate({ id: tag.id });
            }}
          />
        </Group>
        <ErrorAlert error={update.error ?? merge.error ?? remove.error} />
      </Table.Td>
    </Table.Tr>
  );
}

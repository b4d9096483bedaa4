import { BULK_ACTION_KINDS, type BulkAction, CASE_STATUSES, followUpDayRange } from '@anliegen/shared';
import { Button, Group, NativeSelect, Paper, Text, TextInput } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaseTableRow } from '../../components/domain/case-row';
import { DateField } from '../../components/ui/date-field';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';
import { useBulkUpdate } from './api/tags-bulk';
import { bulkActionOf, type BulkChoice } from './bulk-action';
import { followUpErrorKey } from './follow-up-day';

type Kind = (typeof BULK_ACTION_KINDS)[number];

/**
 * What to do with the ticked cases (issue 16): one action, one value, "Anwenden". The server does it to all of them or
 * to none (a case the action does not fit refuses it, and the message says why). Loaded lazily with the first tick.
 */
export default function BulkBar({
  ids,
  rows,
  tags,
  onDone,
}: {
  ids: number[];
  rows: CaseTableRow[];
  tags: { id: number; name: string }[];
  /** Done (with how many cases changed) or given up: the ticks go. */
  onDone: (changed?: number) => void;
}) {
  const { t } = usePageI18n();
  const me = useSuspenseQuery(meQuery()).data!;
  const teams = useQuery(trpc.teams.list.queryOptions()).data ?? [];
  const assignees = useQuery(trpc.users.assignees.queryOptions()).data ?? [];
  const [choice, setChoice] = useState<BulkChoice>({ kind: 'status', value: '' });
  const mutation = useBulkUpdate({ onChanged: onDone });
  const action: BulkAction | null = bulkActionOf(choice, me.id);
  const option = (value: string, label: string) => ({ value, label });
  const none = option('', t('bulk.choose'));
  const selectedRows = rows.filter((row) => ids.includes(row.id));
  const { first, last } = followUpDayRange(Date.now());
  const followUpError = choice.kind === 'followUp' ? followUpErrorKey(choice.value) : undefined;

  const valueField = () => {
    const set = (value: string) => setChoice({ ...choice, value });
    const select = (data: { value: string; label: string }[]) => (
      <NativeSelect
        label={t(`bulk.value.${choice.kind}`)}
        value={choice.value}
        data={[none, ...data]}
        onChange={(event) => set(event.currentTarget.value)}
      />
    );
    switch (choice.kind) {
      case 'status':
        return select(CASE_STATUSES.map((status) => option(status, t(`status.${status}`))));
      case 'assign':
        return select([
          option('me', t('bulk.assignMe')),
          option('nobody', t('bulk.assignNobody')),
          ...assignees.map((user) => option(String(user.id), user.displayName)),
        ]);
      case 'team':
        return select([option('none', t('bulk.noTeam')), ...teams.map((team) => option(String(team.id), team.name))]);
      case 'removeTag':
        return select(tags.map((tag) => option(String(tag.id), tag.name)));
      case 'merge':
        return select(selectedRows.map((row) => option(String(row.id), `${row.reference} · ${row.citizenName}`)));
      case 'addTag':
        return (
          <TextInput
            label={t('bulk.value.addTag')}
            value={choice.value}
            list="bulk-tag-names"
            onChange={(event) => set(event.currentTarget.value)}
          />
        );
      case 'followUp':
        return (
          <DateField
            label={t('bulk.value.followUp')}
            minDate={first}
            maxDate={last}
            value={choice.value}
            error={followUpError ? t(followUpError) : undefined}
            onChange={set}
          />
        );
    }
  };

  return (
    <Paper withBorder p="sm" mb="sm" component="section" aria-label={t('bulk.title')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (action) mutation.mutate({ ids, action });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Text fw={600} size="sm" mb={8}>
            {t('bulk.count', { n: ids.length })}
          </Text>
          <NativeSelect
            label={t('bulk.action')}
            value={choice.kind}
            data={BULK_ACTION_KINDS.map((kind) => option(kind, t(`bulk.kind.${kind}`)))}
            onChange={(event) => setChoice({ kind: event.currentTarget.value as Kind, value: '' })}
          />
          {valueField()}
          <Button type="submit" disabled={!action} loading={mutation.isPending}>
            {t('bulk.apply')}
          </Button>
          <Button variant="default" onClick={() => onDone()}>
            {t('bulk.clear')}
          </Button>
        </Group>
        <datalist id="bulk-tag-names">
          {tags.map((tag) => (
            <option key={tag.id} value={tag.name} />
          ))}
        </datalist>
      </form>
      {choice.kind === 'merge' && (
        <Text size="sm" mt="xs">
          {t('bulk.mergeHint')}
        </Text>
      )}
      <ErrorAlert error={mutation.error} />
    </Paper>
  );
}

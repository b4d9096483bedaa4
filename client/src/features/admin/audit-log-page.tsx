import { type AuditFilterInput, auditFilterInput, idSchema } from '@anliegen/shared';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { DataTable } from '../../components/ui/data-table';
import { DateField } from '../../components/ui/date-field';
import { ErrorAlert } from '../../components/ui/error-alert';
import { PageHeader } from '../../components/ui/page-header';
import { StatusMessage } from '../../components/ui/status-message';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { downloadText } from '../../lib/download';
import { trpc } from '../../lib/trpc';
import { fieldErrorsOf } from '../../lib/validate';
import { useAuditEvents, useExportAuditLog } from './api/audit';
import {
  type AuditFormat,
  type AuditNames,
  actionLabel,
  actionOptions,
  describeDetails,
  entityOptions,
  entityText,
  entityTypeLabel,
  filterOf,
} from './audit-format';
import classes from './audit-log-page.module.css';

const route = getRouteApi('/app/admin/audit');
/** The filters as the URL holds them (the route's search schema has the same fields). */
type Search = AuditFilterInput;
type AuditEvent = RouterOutputs['audit']['list']['items'][number];

/** The admin's audit log: who read or changed what, when and from where; filters in the URL; CSV export. */
export function AuditLogPage() {
  const { t, locale, formatNumber } = usePageI18n();
  const filter = filterOf(route.useSearch() satisfies Search);
  const [message, setMessage] = useState<string | null>(null);
  const events = useAuditEvents(filter);
  const exportCsv = useExportAuditLog();
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const names = mergeNames(events.data?.pages.map((page) => page.names) ?? []);

  const download = () => {
    setMessage(null);
    exportCsv.mutate(
      { ...filter, locale },
      {
        onSuccess: (result) => {
          // The server's CSV already starts with a byte order mark (umlauts in spreadsheet programs).
          downloadText(t('audit.file', { day: new Date().toISOString().slice(0, 10) }), result.csv);
          setMessage(
            result.truncated
              ? t('audit.exportTruncated', { n: formatNumber(result.rows) })
              : t('audit.exported', { n: formatNumber(result.rows) }),
          );
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            loading={exportCsv.isPending}
            onClick={download}
          >
            {t('audit.export')}
          </Button>
        }
      />
      <Text mb="md" maw="60rem">
        {t('audit.intro')}
      </Text>
      <Filters search={filter} />
      <StatusMessage message={message} />
      <ErrorAlert error={exportCsv.error ?? events.error} />
      <EventTable items={items} names={names} empty={events.isSuccess ? t('audit.empty') : undefined} />
      {events.hasNextPage && (
        <Button variant="default" mt="md" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

/** The filter form: drafts until "Filtern", then everything goes to the URL. */
function Filters({ search }: { search: Search }) {
  const { t } = usePageI18n();
  const navigate = useNavigate();
  const users = useSuspenseQuery(trpc.users.list.queryOptions()).data;
  const [draft, setDraft] = useState<Search>(search);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const searchKey = JSON.stringify(search);
  // Back/forward changes the URL: show the filters that apply.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the search object's content
  useEffect(() => setDraft(search), [searchKey]);

  const set = (patch: Partial<Search>) => setDraft((previous) => ({ ...previous, ...patch }));
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = filterOf(draft);
    const problems = fieldErrorsOf(auditFilterInput, next, t);
    setErrors(problems ?? {});
    if (problems === null) void navigate({ to: '/admin/audit', search: next });
  };

  return (
    <form aria-label={t('audit.filters')} onSubmit={submit} noValidate>
      <Group align="flex-end" wrap="wrap" gap="md" mb="md" className={classes.filters}>
        <NativeSelect
          label={t('audit.user')}
          value={draft.actorId === undefined ? '' : String(draft.actorId)}
          data={[
            { value: '', label: t('audit.allUsers') },
            ...users.map((user) => ({ value: String(user.id), label: `${user.displayName} (${user.email})` })),
          ]}
          onChange={(event) => set({ actorId: event.currentTarget.value === '' ? undefined : Number(event.currentTarget.value) })}
        />
        <TextInput
          label={t('audit.citizen')}
          description={t('audit.citizenHint')}
          inputMode="numeric"
          value={draft.citizenId === undefined ? '' : String(draft.citizenId)}
          error={errors.citizenId}
          onChange={(event) => {
            const value = event.currentTarget.value.trim();
            set({ citizenId: value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : (value as never) });
          }}
          w="10rem"
        />
        <NativeSelect
          label={t('audit.action')}
          value={draft.action ?? ''}
          data={actionOptions(t, draft.action)}
          error={errors.action}
          onChange={(event) => set({ action: text(event.currentTarget.value) })}
        />
        <NativeSelect
          label={t('audit.entityType')}
          value={draft.entityType ?? ''}
          data={[
            { value: '', label: t('audit.allEntityTypes') },
            ...entityOptions(draft.entityType).map((type) => ({ value: type, label: entityTypeLabel(t, type) })),
          ]}
          error={errors.entityType}
          onChange={(event) => set({ entityType: text(event.currentTarget.value) })}
        />
        <TextInput
          label={t('audit.entityId')}
          value={draft.entityId ?? ''}
          error={errors.entityId}
          onChange={(event) => set({ entityId: text(event.currentTarget.value) })}
          w="8rem"
        />
        <DateField
          label={t('audit.from')}
          value={draft.from ?? ''}
          error={errors.from}
          clearable
          w="11rem"
          onChange={(day) => set({ from: text(day) })}
        />
        <DateField
          label={t('audit.to')}
          value={draft.to ?? ''}
          error={errors.to}
          clearable
          w="11rem"
          onChange={(day) => set({ to: text(day) })}
        />
        <Group gap="xs">
          <Button type="submit">{t('audit.apply')}</Button>
          <Button
            variant="subtle"
            onClick={() => {
              setErrors({});
              void navigate({ to: '/admin/audit', search: {} });
            }}
          >
            {t('audit.reset')}
          </Button>
        </Group>
      </Group>
    </form>
  );
}

/** The names of all pages loaded so far, for the table (each page names the ids on it). */
function mergeNames(pages: AuditNames[]): AuditNames {
  const merged: AuditNames = { case: {}, citizen: {}, user: {}, team: {}, category: {} };
  for (const page of pages)
    for (const kind of Object.keys(merged) as (keyof AuditNames)[]) Object.assign(merged[kind], page[kind]);
  return merged;
}

function EventTable({ items, names, empty }: { items: AuditEvent[]; names: AuditNames; empty: string | undefined }) {
  const { t, formatDateTime, formatNumber } = usePageI18n();
  const format = { t, formatDateTime, formatNumber };
  return (
    <DataTable
      caption={t('audit.caption')}
      empty={empty}
      minWidth={900}
      rowCount={items.length}
      columns={[t('audit.time'), t('audit.user'), t('audit.action'), t('audit.entity'), t('audit.ip'), t('audit.details')]}
    >
      {items.map((event) => (
        <Table.Tr key={event.id}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
          <Table.Td>
            {event.actor ? (
              <Stack gap={0}>
                <Text size="sm">{event.actor.displayName ?? `#${event.actor.id}`}</Text>
                {event.actor.email && (
                  <Text size="xs" c="dimmed">
                    {event.actor.email}
                  </Text>
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('audit.system')}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm" title={event.action}>
              {actionLabel(t, event.action)}
            </Text>
          </Table.Td>
          <Table.Td>
            <EntityLabel format={format} names={names} type={event.entityType} id={event.entityId} />
          </Table.Td>
          <Table.Td>{event.ip ?? '–'}</Table.Td>
          <Table.Td>
            <DetailList pairs={describeDetails(format, event.details, names)} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** The details as a description list: each name, then its value. */
function DetailList({ pairs }: { pairs: { key: string; label: string; value: string }[] }) {
  if (pairs.length === 0) return '–';
  return (
    <dl className={classes.details}>
      {pairs.map((pair) => (
        <div key={pair.key}>
          <dt>{pair.label}</dt>
          <dd>{pair.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The record an event is about: its type and name ("Vorgang A-2026-000051" links to the case, "Person Nr. 10 (Berta
 * Berg)" to the data subject request for them and to this log filtered by them).
 */
function EntityLabel(props: { format: AuditFormat; names: AuditNames; type: string; id: string | null }) {
  const { format, names, type, id } = props;
  const { t } = format;
  const label = entityText(format, names, type, id);
  const typeName = entityTypeLabel(t, type);
  if (label === null) return typeName;
  const caseReference = type === 'case' && id !== null ? names.case[Number(id)] : undefined;
  if (caseReference) {
    return (
      <AnchorLink to="/cases/$reference" params={{ reference: caseReference }}>
        {`${typeName} ${label}`}
      </AnchorLink>
    );
  }
  const citizenId = type === 'citizen' ? idSchema.safeParse(Number(id)) : null;
  if (!citizenId?.success) return `${typeName} ${label}`;
  return (
    <Stack gap={2} align="flex-start">
      <AnchorLink to="/admin/privacy" search={{ citizen: citizenId.data }}>
        {`${typeName} ${label}`}
      </AnchorLink>
      <AnchorLink to="/admin/audit" search={{ citizenId: citizenId.data }} size="xs">
        {t('audit.whoLooked')}
      </AnchorLink>
    </Stack>
  );
}

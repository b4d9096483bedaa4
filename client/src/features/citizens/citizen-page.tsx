import {
  CONTACT_KINDS,
  contactPointInput,
  CHANNELS,
  formatIsoDay,
  updateCitizenInput,
  type Channel,
  type ContactKind,
} from '@anliegen/shared';
import { Button, Checkbox, Grid, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type Ref, useEffect, useRef, useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { CitizenCaseList } from '../../components/domain/citizen-summary';
import { DateField } from '../../components/ui/date-field';
import { Dialog } from '../../components/ui/dialog';
import { ErrorAlert } from '../../components/ui/error-alert';
import { focusFirstProblem } from '../../components/ui/focus-problem';
import { StatusMessage } from '../../components/ui/status-message';
import { wholeButton } from '../../components/ui/whole-button';
import { NewButton } from '../../components/ui/new-button';
import { PageHeader } from '../../components/ui/page-header';
import { Timeline } from '../../components/domain/timeline';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { NewCaseDialog } from './new-case-dialog';
import { useAddContact, useCitizenTimeline, useMergeCitizens, useRemoveContact, useUpdateCitizen } from './api';
import { WholeBadge } from '../../components/domain/status-badge';

const route = getRouteApi('/app/citizens/$id');
type Citizen = RouterOutputs['citizens']['byId']['citizen'];

/** Everything about one citizen: details, contact points, possible duplicates, all cases and the whole history. */
export function CitizenPage() {
  const { t } = usePageI18n();
  const { id } = route.useParams();
  const navigate = useNavigate();
  const { citizen, redirectedFrom } = useSuspenseQuery(trpc.citizens.byId.queryOptions({ id })).data;
  const [creatingCase, setCreatingCase] = useState(false);

  // A merged record lives on as the survivor.
  useEffect(() => {
    if (redirectedFrom) void navigate({ to: '/citizens/$id', params: { id: citizen.id }, replace: true });
  }, [redirectedFrom, citizen.id, navigate]);

  return (
    <>
      <PageHeader
        title={citizen.displayName}
        actions={<NewButton label={t('citizen.newCase')} onClick={() => setCreatingCase(true)} />}
      />
      {citizen.unverified && (
        <WholeBadge color="orange" mb="md">
          {t('panel.unverified')}
        </WholeBadge>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <DetailsForm
              key={`${citizen.id}-${citizen.givenName}-${citizen.familyName}-${citizen.birthDate}`}
              citizen={citizen}
            />
            <Contacts citizen={citizen} />
            <Duplicates citizen={citizen} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <CitizenCases citizenId={citizen.id} />
            <CitizenTimeline citizenId={citizen.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      {creatingCase && (
        <NewCaseDialog
          citizenId={citizen.id}
          onClose={() => setCreatingCase(false)}
          onCreated={(reference) => void navigate({ to: '/cases/$reference', params: { reference } })}
        />
      )}
    </>
  );
}

function Section({ title, children, ref }: { title: string; children: React.ReactNode; ref?: Ref<HTMLElement> }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} ref={ref}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function DetailsForm({ citizen }: { citizen: Citizen }) {
  const { t } = usePageI18n();
  const [values, setValues] = useState({
    givenName: citizen.givenName ?? '',
    familyName: citizen.familyName ?? '',
    birthDate: citizen.birthDate ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const section = useRef<HTMLElement>(null);
  const update = useUpdateCitizen();
  const save = () => {
    const input = { id: citizen.id, ...values };
    const found = fieldErrorsOf(updateCitizenInput, input, t);
    setErrors(found ?? {});
    if (found) focusProblemIn(section.current);
    else update.mutate(input);
  };
  return (
    <Section title={t('citizen.details')} ref={section}>
      <Stack gap="sm">
        <Group grow>
          <TextInput
            label={t('citizens.givenName')}
            value={values.givenName}
            onChange={(event) => setValues({ ...values, givenName: event.currentTarget.value })}
          />
          <TextInput
            label={t('citizens.familyName')}
            value={values.familyName}
            onChange={(event) => setValues({ ...values, familyName: event.currentTarget.value })}
          />
        </Group>
        <DateField
          label={t('citizens.birthDate')}
          value={values.birthDate}
          error={errors.birthDate}
          clearable
          onChange={(birthDate) => setValues({ ...values, birthDate })}
        />
        <ErrorAlert error={update.error} />
        <Group>
          <Button onClick={save} loading={update.isPending}>
            {t('common.save')}
          </Button>
          {citizen.unverified && (
            <Button variant="default" classNames={wholeButton} onClick={() => update.mutate({ id: citizen.id, verified: true })}>
              {t('citizen.verify')}
            </Button>
          )}
        </Group>
        <div role="status" aria-live="polite">
          {update.isSuccess && <Text size="sm">{t('citizen.saved')}</Text>}
        </div>
      </Stack>
    </Section>
  );
}

function Contacts({ citizen }: { citizen: Citizen }) {
  const { t } = usePageI18n();
  const [kind, setKind] = useState<ContactKind>('phone');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const section = useRef<HTMLElement>(null);
  const add = useAddContact();
  const remove = useRemoveContact();
  const submit = () => {
    const found = fieldErrorsOf(contactPointInput, { kind, value }, t);
    setError(found?.value ?? found?.kind);
    if (found) focusProblemIn(section.current);
    if (!found) add.mutate({ citizenId: citizen.id, contact: { kind, value } }, { onSuccess: () => setValue('') });
  };
  return (
    <Section title={t('citizen.contacts')} ref={section}>
      <Stack gap="sm">
        <List listStyleType="none" p={0} spacing={4}>
          {citizen.contacts.map((contact) => (
            <List.Item key={contact.id}>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t(`contactKind.${contact.kind}`)}:
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {contact.display}
                </Text>
                <Button
                  size="compact-xs"
                  variant="default"
                  aria-label={`${t('common.remove')}: ${contact.display}`}
                  onClick={() => remove.mutate({ citizenId: citizen.id, contactPointId: contact.id })}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
        <Group align="flex-end" gap="xs">
          <NativeSelect
            label={t('citizen.kind')}
            value={kind}
            data={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contactKind.${k}`) }))}
            onChange={(event) => setKind(event.currentTarget.value as ContactKind)}
          />
          <TextInput
            label={t('citizen.value')}
            value={value}
            error={error}
            onChange={(event) => setValue(event.currentTarget.value)}
          />
          <Button variant="default" onClick={submit} loading={add.isPending}>
            {t('citizen.addContact')}
          </Button>
        </Group>
        <ErrorAlert error={add.error ?? remove.error} />
        <StatusMessage color="orange" mb={0} message={add.data && add.data.sharedWith.length > 0 && t('citizen.sharedWith')} />
      </Stack>
    </Section>
  );
}

function Duplicates({ citizen }: { citizen: Citizen }) {
  const { t, locale } = usePageI18n();
  const duplicates = useQuery(trpc.citizens.duplicates.queryOptions({ id: citizen.id }));
  const merge = useMergeCitizens();
  const [candidate, setCandidate] = useState<Citizen | null>(null);
  return (
    <Section title={t('citizen.duplicates')}>
      {duplicates.data?.length === 0 && <Text size="sm">{t('citizen.noDuplicates')}</Text>}
      <List listStyleType="none" p={0} spacing="sm">
        {duplicates.data?.map(({ citizen: other, reasons }) => (
          <List.Item key={other.id}>
            <Group gap="xs" wrap="wrap">
              <AnchorLink to="/citizens/$id" params={{ id: other.id }} fw={600}>
                {other.displayName}
              </AnchorLink>
              {reasons.map((reason) => (
                <WholeBadge key={reason} color="orange">
                  {t(`reason.${reason}`)}
                </WholeBadge>
              ))}
              <Button size="compact-sm" variant="default" onClick={() => setCandidate(other)}>
                {t('citizen.merge')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {[
                other.birthDate && t('citizens.bornOn', { date: formatIsoDay(other.birthDate, locale) }),
                ...other.contacts.map((contact) => contact.display),
              ]
                .filter(Boolean)
                .join(', ')}
            </Text>
          </List.Item>
        ))}
      </List>
      <div role="status" aria-live="polite">
        {merge.isSuccess && <Text size="sm">{t('citizen.merged')}</Text>}
      </div>
      {candidate && (
        <Dialog title={t('citizen.mergeTitle')} onClose={() => setCandidate(null)}>
          <Stack>
            <Text>{t('citizen.mergeConfirm', { name: candidate.displayName })}</Text>
            <ErrorAlert error={merge.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCandidate(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                loading={merge.isPending}
                onClick={() =>
                  merge.mutate({ survivorId: citizen.id, mergedId: candidate.id }, { onSuccess: () => setCandidate(null) })
                }
              >
                {t('citizen.merge')}
              </Button>
            </Group>
          </Stack>
        </Dialog>
      )}
    </Section>
  );
}

function CitizenCases({ citizenId }: { citizenId: number }) {
  const { t } = usePageI18n();
  const panel = useQuery(trpc.citizens.panel.queryOptions({ id: citizenId }));
  return (
    <Section title={t('citizen.cases')}>
      {panel.data &&
        (panel.data.cases.length > 0 ? (
          <CitizenCaseList cases={panel.data.cases} />
        ) : (
          <Text size="sm">{t('citizen.noCases')}</Text>
        ))}
    </Section>
  );
}

function CitizenTimeline({ citizenId }: { citizenId: number }) {
  const { t } = usePageI18n();
  const [channels, setChannels] = useState<Channel[]>([]);
  const timeline = useCitizenTimeline(citizenId, channels);
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section title={t('citizen.timeline')}>
      <Checkbox.Group
        label={t('citizen.channelFilter')}
        value={channels}
        onChange={(value) => setChannels(value as Channel[])}
        mb="sm"
      >
        <Group mt={4}>
          {CHANNELS.map((channel) => (
            <Checkbox key={channel} value={channel} label={t(`channels.${channel}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <ErrorAlert error={timeline.error} />
      {timeline.isSuccess && items.length === 0 ? (
        <Text size="sm">{t('citizen.noTimeline')}</Text>
      ) : (
        <Timeline items={items} showCase />
      )}
      {timeline.hasNextPage && (
        <Button variant="default" mt="sm" loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </Section>
  );
}

/** After a failed save: the first field in error of the section, once it shows its message (2.4.3, 3.3.1). */
function focusProblemIn(section: HTMLElement | null) {
  requestAnimationFrame(() => focusFirstProblem(section));
}

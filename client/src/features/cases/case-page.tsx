import { OPEN_CASE_STATUSES } from '@anliegen/shared';
import { Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ChannelLabel } from '../../components/domain/channel-label';
import { DueLabel } from '../../components/domain/due-label';
import type { RouterOutputs } from '../../lib/api-types';
import { PageHeader } from '../../components/ui/page-header';
import { PriorityBadge, StatusBadge } from '../../components/domain/status-badge';
import { Timeline } from '../../components/domain/timeline';
import { usePageI18n } from '../../i18n/page-i18n';
import { trpc } from '../../lib/trpc';
import { meQuery } from '../../lib/auth';
import { CaseActions } from './case-actions';
import { CasePresence, ReplyGuard } from './case-presence';
import { CitizenPanel } from './citizen-panel';
import { RelatedCases } from './related-cases';
import { ReplyBox } from './reply-box';
import { useAddSenderToCitizen, useRetryDelivery, useSplitInteraction } from './api/case-mutations';
import { ErrorAlert } from '../../components/ui/error-alert';

const route = getRouteApi('/app/cases/$reference');
type CaseData = RouterOutputs['cases']['byReference']['case'];

/** The case's SLA targets that still matter: the first response until it was given, and the resolution. */
function SlaSummary({ detail }: { detail: CaseData }) {
  const { t } = usePageI18n();
  const open = OPEN_CASE_STATUSES.includes(detail.status);
  const targets = [
    detail.firstResponseAt === null ? (['sla.firstResponse', detail.firstResponseDueAt] as const) : null,
    ['sla.resolution', detail.resolutionDueAt] as const,
  ].filter(
    (target): target is readonly ['sla.firstResponse' | 'sla.resolution', number] => target !== null && target[1] !== null,
  );
  if (!open || targets.length === 0) return null;
  return (
    <>
      {targets.map(([label, dueAt]) => (
        <Group key={label} gap={4} wrap="nowrap">
          <Text size="sm">{t(label)}:</Text>
          <DueLabel dueAt={dueAt} pausedAt={detail.slaPausedAt} status={detail.status} resolvedAt={detail.resolvedAt} />
        </Group>
      ))}
    </>
  );
}

/** One case: its handling, the reply box, the whole timeline on every channel, and the citizen beside it. */
export function CasePage() {
  const { t } = usePageI18n();
  const { reference } = route.useParams();
  const navigate = useNavigate();
  const query = useSuspenseQuery(trpc.cases.byReference.queryOptions({ reference }));
  const me = useSuspenseQuery(meQuery()).data!;
  const detail = query.data;
  const panel = useQuery(trpc.citizens.panel.queryOptions({ id: detail.case.citizen.id }));
  const retry = useRetryDelivery();
  const addSender = useAddSenderToCitizen();
  const split = useSplitInteraction();
  const [newestFirst, setNewestFirst] = useState(true);

  // A merged case lives on under the reference it was merged into.
  useEffect(() => {
    if (detail.redirectedFrom)
      void navigate({ to: '/cases/$reference', params: { reference: detail.case.reference }, replace: true });
  }, [detail.redirectedFrom, detail.case.reference, navigate]);

  const timeline = newestFirst ? [...detail.timeline].reverse() : detail.timeline;
  // Unknown while the citizen's contacts load: the reply box shows with the heading all the same, so `r` reaches it
  // at once (issue 16: it waited for them, and `r` was lost meanwhile). A panel that failed leaves no email address.
  const canEmail = panel.data
    ? panel.data.citizen.contacts.some((contact) => contact.kind === 'email')
    : panel.isError
      ? false
      : undefined;
  return (
    <>
      <PageHeader title={`${detail.case.reference} · ${detail.case.subject}`} />
      <Group gap="xs" mb="md" mt={-8} justify="space-between">
        <Group gap="xs">
          <StatusBadge status={detail.case.status} />
          <PriorityBadge priority={detail.case.priority} />
          <ChannelLabel channel={detail.case.originChannel} />
          <SlaSummary detail={detail.case} />
        </Group>
        <CasePresence caseId={detail.case.id} myId={me.id} />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CaseActions key={detail.case.id} data={detail.case} onReload={() => void query.refetch()} />
            <ReplyGuard
              key={`guard-${detail.case.id}`}
              caseId={detail.case.id}
              myName={me.displayName}
              timeline={detail.timeline}
            >
              <ReplyBox
                key={`reply-${detail.case.id}`}
                caseId={detail.case.id}
                canEmail={canEmail}
                placeholders={{
                  citizenName: detail.case.citizen.displayName,
                  caseReference: detail.case.reference,
                  caseSubject: detail.case.subject,
                }}
              />
            </ReplyGuard>
            <section aria-labelledby="timeline-heading">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="timeline-heading">
                  {t('case.timeline')}
                </Title>
                <Button size="xs" variant="default" onClick={() => setNewestFirst(!newestFirst)} aria-pressed={newestFirst}>
                  {t('case.newestFirst')}
                </Button>
              </Group>
              <ErrorAlert error={addSender.error ?? split.error} />
              <Timeline
                items={timeline}
                onRetry={(interactionId) => retry.mutate({ interactionId })}
                otherSenderActions={{
                  citizenName: detail.case.citizen.displayName,
                  pending: addSender.isPending || split.isPending,
                  onAddSender: (interactionId) => addSender.mutate({ interactionId }),
                  onSplit: (interactionId) =>
                    split.mutate(
                      { interactionId },
                      {
                        onSuccess: (created) =>
                          void navigate({ to: '/cases/$reference', params: { reference: created.reference } }),
                      },
                    ),
                }}
              />
            </section>
            {panel.data && <RelatedCases detail={detail} citizenCases={panel.data.cases} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {panel.data && <CitizenPanel panel={panel.data} caseId={detail.case.id} />}
        </Grid.Col>
      </Grid>
    </>
  );
}

import { Button, Grid, Group, Stack, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ChannelLabel } from '../../components/channel-label';
import { PageHeader } from '../../components/page-header';
import { PriorityBadge, StatusBadge } from '../../components/status-badge';
import { Timeline } from '../../components/timeline';
import { useI18n } from '../../i18n/i18n';
import { trpc } from '../../lib/trpc';
import { CaseActions } from './case-actions';
import { CitizenPanel } from './citizen-panel';
import { RelatedCases } from './related-cases';
import { ReplyBox } from './reply-box';
import { useRetryDelivery } from './use-case-mutations';

const route = getRouteApi('/app/cases/$reference');

/** One case: its handling, the reply box, the whole timeline on every channel, and the citizen beside it. */
export function CasePage() {
  const { t } = useI18n();
  const { reference } = route.useParams();
  const navigate = useNavigate();
  const query = useSuspenseQuery(trpc.cases.byReference.queryOptions({ reference }));
  const detail = query.data;
  const panel = useQuery(trpc.citizens.panel.queryOptions({ id: detail.case.citizen.id }));
  const retry = useRetryDelivery();
  const [newestFirst, setNewestFirst] = useState(true);

  // A merged case lives on under the reference it was merged into.
  useEffect(() => {
    if (detail.redirectedFrom)
      void navigate({ to: '/cases/$reference', params: { reference: detail.case.reference }, replace: true });
  }, [detail.redirectedFrom, detail.case.reference, navigate]);

  const timeline = newestFirst ? [...detail.timeline].reverse() : detail.timeline;
  const canEmail = panel.data?.citizen.contacts.some((contact) => contact.kind === 'email') ?? false;
  return (
    <>
      <PageHeader title={`${detail.case.reference} · ${detail.case.subject}`} />
      <Group gap="xs" mb="md" mt={-8}>
        <StatusBadge status={detail.case.status} />
        <PriorityBadge priority={detail.case.priority} />
        <ChannelLabel channel={detail.case.originChannel} />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CaseActions key={detail.case.id} data={detail.case} onReload={() => void query.refetch()} />
            {panel.data && <ReplyBox key={`reply-${detail.case.id}`} caseId={detail.case.id} canEmail={canEmail} />}
            <section aria-labelledby="timeline-heading">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="timeline-heading">
                  {t('case.timeline')}
                </Title>
                <Button size="xs" variant="default" onClick={() => setNewestFirst(!newestFirst)} aria-pressed={newestFirst}>
                  {t('case.newestFirst')}
                </Button>
              </Group>
              <Timeline items={timeline} onRetry={(interactionId) => retry.mutate({ interactionId })} />
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

import { OPEN_CASE_STATUSES } from '@anliegen/shared';
import { Button, Grid, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { ChannelLabel } from '../../components/domain/channel-label';
import { DueLabel } from '../../components/domain/due-label';
import type { RouterOutputs } from '../../lib/api-types';
import { PageHeader } from '../../components/ui/page-header';
import { PriorityBadge, StatusBadge } from '../../components/domain/status-badge';
import { Timeline, type TimelineItem } from '../../components/domain/timeline';
import { usePageI18n } from '../../i18n/page-i18n';
import { trpc } from '../../lib/trpc';
import { meQuery } from '../../lib/auth';
import { CaseActions } from './case-actions';
import { CaseTags } from './case-tags';
import { CaseSurvey } from './case-survey';
import { FollowUpBadge } from './follow-up';
import { useCaseListKeys } from './case-list-keys';
import { CasePresence, ReplyGuard } from './case-presence';
import { CitizenPanel } from './citizen-panel';
import { PrintCaseLink } from './print-case-link';
import { ForwardButton } from './forward-dialog';
import { MoreCaseActions, RelatedCases } from './related-cases';
import { ReplyBox } from './reply-box';
import { useAddSenderToCitizen, useRetryDelivery } from './api/case-mutations';
import { ErrorAlert } from '../../components/ui/error-alert';
import { LiveUpdateBar } from '../../components/ui/live-update-bar';
import { useHeld } from '../../lib/held-updates';
import { caseNews } from './case-news';
import { UnsavedContext, useFocusInField } from './case-work';

const route = getRouteApi('/app/cases/$reference');
// Opened from a message's menu now and then: not part of every case page's load.
const SplitMessageDialog = lazy(() =>
  import('./split-message-dialog').then((module) => ({ default: module.SplitMessageDialog })),
);
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

/**
 * One case: the whole timeline on every channel first (agents read before they write), beside it from 1200 px on the
 * reply box, the case's handling, linked cases and the citizen; below each other on narrower screens, in that order.
 * Linking and merging are in the "Weitere Aktionen" menu. j/k go to the next and previous case of the list.
 */
export function CasePage() {
  const { t } = usePageI18n();
  const { reference } = route.useParams();
  const navigate = useNavigate();
  const query = useSuspenseQuery(trpc.cases.byReference.queryOptions({ reference }));
  const me = useSuspenseQuery(meQuery()).data!;
  // Live updates wait while the agent works here (issue 24): the focus in a field, or unsaved input in the reply or
  // the case's edits. The bar at the bottom says what is new and shows it on request; the agent's own changes show
  // at once.
  const [unsaved, setUnsaved] = useState<Readonly<Record<string, boolean>>>({});
  const reportUnsaved = useCallback(
    (part: string, value: boolean) =>
      setUnsaved((current) => (current[part] === value ? current : { ...current, [part]: value })),
    [],
  );
  const working = useFocusInField() || Object.values(unsaved).some(Boolean);
  const held = useHeld(query.data, working, reference);
  const detail = held.data;
  const news = held.waiting ? caseNews(detail, query.data) : null;
  const [notices, setNotices] = useState<HTMLElement | null>(null);
  const panel = useQuery(trpc.citizens.panel.queryOptions({ id: detail.case.citizen.id }));
  const retry = useRetryDelivery();
  const addSender = useAddSenderToCitizen();
  const [splitting, setSplitting] = useState<Extract<TimelineItem, { restricted: false }> | null>(null);
  const [newestFirst, setNewestFirst] = useState(true);
  const listNotice = useCaseListKeys(detail.case.reference);

  // A merged case lives on under the reference it was merged into.
  const { redirectedFrom, case: latest } = query.data;
  useEffect(() => {
    if (redirectedFrom) void navigate({ to: '/cases/$reference', params: { reference: latest.reference }, replace: true });
  }, [redirectedFrom, latest.reference, navigate]);

  const timeline = newestFirst ? [...detail.timeline].reverse() : detail.timeline;
  // Unknown while the citizen's contacts load: the reply box shows with the heading all the same, so `r` reaches it
  // at once (issue 16: it waited for them, and `r` was lost meanwhile). A panel that failed leaves no email address.
  const canEmail = panel.data
    ? panel.data.citizen.contacts.some((contact) => contact.kind === 'email')
    : panel.isError
      ? false
      : undefined;
  return (
    // Parts of the page say whether they hold unsaved input (case-work.ts).
    <UnsavedContext value={reportUnsaved}>
      <PageHeader
        title={`${detail.case.reference} · ${detail.case.subject}`}
        heading={
          <>
            <span style={{ whiteSpace: 'nowrap' }}>{detail.case.reference}</span> · {detail.case.subject}
          </>
        }
        actions={
          <Group gap="xs">
            <ForwardButton caseId={detail.case.id} timeline={detail.timeline} />
            <PrintCaseLink reference={detail.case.reference} />
          </Group>
        }
      />
      <Group gap="xs" mb="md" mt={-8} justify="space-between">
        <Group gap="xs">
          <StatusBadge status={detail.case.status} />
          <PriorityBadge priority={detail.case.priority} />
          <ChannelLabel channel={detail.case.originChannel} />
          <SlaSummary detail={detail.case} />
          <FollowUpBadge followUpAt={detail.case.followUpAt} />
        </Group>
        <MoreCaseActions caseId={detail.case.id} citizenCases={panel.data?.cases} />
      </Group>
      <div role="status" aria-live="polite">
        {listNotice && (
          <Text size="sm" mb="sm">
            {t(listNotice)}
          </Text>
        )}
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <section aria-labelledby="timeline-heading">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="timeline-heading" tabIndex={-1}>
                {t('case.timeline')}
              </Title>
              <SegmentedControl
                size="xs"
                aria-label={t('case.order')}
                value={newestFirst ? 'newest' : 'oldest'}
                onChange={(value) => setNewestFirst(value === 'newest')}
                data={[
                  { value: 'newest', label: t('case.newestFirst') },
                  { value: 'oldest', label: t('case.oldestFirst') },
                ]}
              />
            </Group>
            <ErrorAlert error={addSender.error} />
            <Timeline
              items={timeline}
              feedback={detail.survey.answer}
              newestFirst={newestFirst}
              onRetry={(interactionId) => retry.mutate({ interactionId })}
              otherSenderActions={{
                citizenName: detail.case.citizen.displayName,
                pending: addSender.isPending,
                onAddSender: (interactionId) => addSender.mutate({ interactionId }),
                // The stranger's mail as a case of its own: the same dialog as from the message's menu.
                onSplit: (interactionId) => {
                  const item = detail.timeline.find((entry) => entry.id === interactionId);
                  if (item && !item.restricted) setSplitting(item);
                },
              }}
              messageActions={{ onMoveToNewCase: setSplitting }}
            />
            {splitting && (
              <Suspense fallback={null}>
                <SplitMessageDialog data={detail.case} message={splitting} onClose={() => setSplitting(null)} />
              </Suspense>
            )}
          </section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <ReplyGuard
              key={`guard-${detail.case.id}`}
              caseId={detail.case.id}
              myName={me.displayName}
              timeline={detail.timeline}
              notices={notices}
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
                team={detail.case.team}
                categoryId={detail.case.category?.id ?? null}
              />
            </ReplyGuard>
            <CaseActions
              key={detail.case.id}
              data={detail.case}
              onReload={() => void query.refetch().then((result) => held.apply(result.data))}
            />
            <CaseTags detail={detail} />
            <CaseSurvey detail={detail} />
            <RelatedCases detail={detail} />
            {panel.data && <CitizenPanel panel={panel.data} caseId={detail.case.id} />}
          </Stack>
        </Grid.Col>
      </Grid>
      <LiveUpdateBar>
        <CasePresence caseId={detail.case.id} myId={me.id} />
        {news && (
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">
              <Text span fw={700} size="sm">
                {t('case.changedMeanwhile')}:
              </Text>{' '}
              {[
                news.authors.length > 0 &&
                  t('case.news.entries', {
                    names: news.authors.map((name) => name ?? t('case.changedMeanwhile.citizen')).join(', '),
                  }),
                news.status && t('case.news.status', { status: t(`status.${news.status}`) }),
                news.details && t('case.news.details'),
                t('case.news.keep'),
              ]
                .filter(Boolean)
                .join(' ')}
            </Text>
            <Button
              size="compact-sm"
              onClick={() => {
                flushSync(() => held.apply());
                // The button goes with the notice: the focus goes to the timeline, where the news are.
                document.getElementById('timeline-heading')?.focus();
              }}
            >
              {t('case.news.apply')}
            </Button>
          </Group>
        )}
        {/* The reply's warning that others wrote meanwhile (ReplyGuard). */}
        <div ref={setNotices} />
      </LiveUpdateBar>
    </UnsavedContext>
  );
}

// The print view travels in this page's chunk: it is opened from here, and a chunk of its own would split the
// entry's shared chunks further (about 1.3 KB more for the inbox, bench/src/bundle-size.ts).
export { CasePrintPage } from './case-print-page';
// So is the counter receipt (issue 18).
export { ReceiptPage } from './receipt-page';

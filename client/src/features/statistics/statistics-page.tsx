import '@mantine/charts/styles.css';
import {
  type Channel,
  CHANNELS,
  STAT_GROUPINGS,
  type StatFigure,
  type StatGrouping,
  type StatisticsInput,
  statisticsInput,
} from '@anliegen/shared';
import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { Card, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { DateField } from '../../components/ui/date-field';
import { isIsoDay } from '../../components/ui/date-text';
import { ErrorAlert } from '../../components/ui/error-alert';
import { PageHeader } from '../../components/ui/page-header';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';
import { fieldErrorsOf } from '../../lib/validate';
import { useDashboard } from './api';
import { type OpenFigure, StatPanel, type StatTable } from './stat-panel';
import panelClasses from './stat-panel.module.css';
import { WeeklyReportPanel } from './weekly-report-panel';
import { ImpactPanel } from './impact-panel';
import { TagStatisticsPanel } from './tag-statistics-panel';
import { dayFormatter, formatBusinessDuration, percentFormatter, periodFormatter } from './stat-format';

const route = getRouteApi('/app/statistics');
/** The cases behind a figure: loaded with the first click on one (team leads only). */
const StatCasesDialog = lazy(() => import('./stat-cases-dialog'));
type Statistics = RouterOutputs['statistics']['dashboard'];
type Search = ReturnType<typeof route.useSearch>;
/** The statistics' CSV downloads, each named in the dictionaries (`stats.file.*`). */
type CsvFile = 'contacts' | 'cases' | 'backlog' | 'recontacts' | 'channelSwitches' | 'workloadAgents' | 'workloadTeams';

/** Channels a citizen uses; internal notes are no contact and appear only when the data has them. */
const CONTACT_CHANNELS = CHANNELS.filter((channel) => channel !== 'note');

/**
 * One colour per channel, told apart by hue and lightness; each has at least 3:1 contrast against the light
 * (white) and the dark (dark 7) background (WCAG 1.4.11). The table view carries the numbers for everyone.
 */
const CHANNEL_COLORS: Record<Channel, string> = {
  email: 'blue.7',
  webform: 'teal.8',
  phone: 'orange.8',
  counter: 'grape.6',
  note: 'gray.6',
};
const CHART_HEIGHT = 280;
/** Recharts' keyboard layer makes the SVG focusable; the chart is one image here and the table is the way in. */
const CHART_A11Y = { accessibilityLayer: false } as const;

/** Statistics for supervisors and admins (all teams) and team leads (their teams); the question lives in the URL. */
export function StatisticsPage() {
  const { t } = usePageI18n();
  const search = route.useSearch();
  const input = {
    from: search.from,
    to: search.to,
    groupBy: search.groupBy,
    ...(search.teamId !== undefined ? { teamId: search.teamId } : {}),
    ...(search.categoryId !== undefined ? { categoryId: search.categoryId } : {}),
    ...(search.channel !== undefined ? { channel: search.channel } : {}),
  };
  const rangeErrors = fieldErrorsOf(statisticsInput, input, t);
  const stats = useDashboard(input, { enabled: rangeErrors === null });

  return (
    <>
      <PageHeader title={t('stats.title')} />
      <Filters search={search} errors={rangeErrors ?? {}} />
      <div role="status">
        {rangeErrors === null && stats.isFetching && (
          <Group gap="xs" my="md">
            <Loader size="sm" aria-hidden />
            <Text size="sm">{stats.data ? t('stats.updating') : t('stats.loading')}</Text>
          </Group>
        )}
      </div>
      <ErrorAlert error={stats.error} />
      {rangeErrors === null && stats.data && <Dashboard stats={stats.data} search={search} question={input} />}
      {rangeErrors === null && stats.data && <ImpactPanel question={input} impact={stats.data.impact} />}
      {rangeErrors === null && <TagStatisticsPanel from={search.from} to={search.to} teamId={search.teamId} />}
      <WeeklyReportPanel />
    </>
  );
}

/** The filters; every change goes to the URL. Dates apply once typed completely (or when the field is left). */
function Filters({ search, errors }: { search: Search; errors: Partial<Record<string, string>> }) {
  const { t } = usePageI18n();
  const navigate = useNavigate();
  const me = useSuspenseQuery(meQuery()).data!;
  const allTeams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  // Team leads see their own teams only; the server enforces the same.
  const teams = me.role === 'team_lead' ? me.teams : allTeams;

  const update = (patch: Partial<Search>) =>
    void navigate({ to: '/statistics', search: (previous) => ({ ...previous, ...patch }) });
  const optionalId = (value: string) => (value === '' ? undefined : Number(value));

  return (
    <section aria-label={t('stats.filters')}>
      <Group align="flex-start" wrap="wrap" gap="md" mb="md">
        <PeriodDayField label={t('stats.from')} value={search.from} error={errors.from} onCommit={(from) => update({ from })} />
        <PeriodDayField label={t('stats.to')} value={search.to} error={errors.to} onCommit={(to) => update({ to })} />
        <NativeSelect
          label={t('stats.groupBy')}
          value={search.groupBy}
          data={STAT_GROUPINGS.map((grouping) => ({ value: grouping, label: t(`stats.grouping.${grouping}`) }))}
          onChange={(event) => update({ groupBy: event.currentTarget.value as StatGrouping })}
        />
        <NativeSelect
          label={t('inbox.team')}
          value={search.teamId === undefined ? '' : String(search.teamId)}
          data={[
            { value: '', label: me.role === 'team_lead' ? t('stats.allMyTeams') : t('stats.allTeams') },
            ...teams.map((team) => ({ value: String(team.id), label: team.name })),
          ]}
          onChange={(event) => update({ teamId: optionalId(event.currentTarget.value) })}
        />
        <NativeSelect
          label={t('inbox.category')}
          value={search.categoryId === undefined ? '' : String(search.categoryId)}
          data={[
            { value: '', label: t('stats.allCategories') },
            ...categories.map((category) => ({ value: String(category.id), label: category.name })),
          ]}
          onChange={(event) => update({ categoryId: optionalId(event.currentTarget.value) })}
        />
        <NativeSelect
          label={t('stats.channel')}
          value={search.channel ?? ''}
          data={[
            { value: '', label: t('stats.allChannels') },
            ...CONTACT_CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) })),
          ]}
          onChange={(event) => update({ channel: (event.currentTarget.value || undefined) as Channel | undefined })}
        />
      </Group>
    </section>
  );
}

const COMMIT_DELAY_MS = 600;

/**
 * A period's first or last day. Editing a typed day can pass through other days ("15.03.2025" on the way to
 * "15.03.2026"), so a day applies after a short pause, or at once when the field is left or Enter is pressed.
 */
function PeriodDayField({
  label,
  value,
  error,
  onCommit,
}: {
  label: string;
  value: string;
  error: string | undefined;
  onCommit: (day: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Back/forward or another filter may change the URL: show what applies.
  useEffect(() => setDraft(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (day: string) => {
    clearTimeout(timer.current);
    if (isIsoDay(day) && day !== value) onCommit(day);
  };
  return (
    <DateField
      label={label}
      value={draft}
      error={error}
      w="11rem"
      onChange={(next) => {
        setDraft(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(next), COMMIT_DELAY_MS);
      }}
      onBlur={() => commit(draft)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(draft);
      }}
    />
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Card withBorder padding="md">
      {/* A long word ("Wiederkontaktquote") breaks, hyphenated where the browser can, in a narrow card (WCAG 1.4.10). */}
      <Text size="sm" c="dimmed" component="h3" m={0} fw={400} className={panelClasses.breakWords}>
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
}

function Dashboard({ stats, search, question }: { stats: Statistics; search: Search; question: StatisticsInput }) {
  const { t, locale, formatNumber } = usePageI18n();
  // Team leads open the cases behind a figure (their own teams'); supervisors and admins read counts only.
  const me = useSuspenseQuery(meQuery()).data!;
  const [opened, setOpened] = useState<{ figure: StatFigure; title: string; count: number } | null>(null);
  const openFigure: OpenFigure | undefined =
    me.role === 'team_lead' ? (figure, title, count) => setOpened({ figure, title, count }) : undefined;
  const drill = { onOpenFigure: openFigure };
  const percent = percentFormatter(locale);
  const day = dayFormatter(locale);
  const periodLong = periodFormatter(locale, t);
  const periodShort = periodFormatter(locale, t, true);
  const rangeLabel = t('stats.range', { from: day(search.from), to: day(search.to) });
  const csv = (file: CsvFile) => ({ slug: t(`stats.file.${file}`), from: search.from, to: search.to });
  const rate = (share: { rate: number | null }) => (share.rate === null ? t('stats.none') : percent(share.rate));
  const shareHint = (share: { part: number; total: number }) =>
    t('stats.shareHint', { part: formatNumber(share.part), total: formatNumber(share.total) });
  const duration = (minutes: number | null) =>
    minutes === null ? t('stats.none') : formatBusinessDuration(minutes, t, formatNumber);
  const durationHint = (count: number) => t('stats.durationHint', { n: formatNumber(count) });

  // Contacts per period and channel, one row per period with a column per channel.
  const countOf = new Map(stats.contacts.map((row) => [`${row.period}|${row.channel}`, row.count]));
  const hasNotes = stats.contacts.some((row) => row.channel === 'note' && row.count > 0);
  const channels: Channel[] = search.channel ? [search.channel] : hasNotes ? [...CHANNELS] : [...CONTACT_CHANNELS];
  const contactRows = stats.periods.map((period) => {
    const counts = channels.map((channel) => countOf.get(`${period}|${channel}`) ?? 0);
    return { period, counts, total: counts.reduce((sum, n) => sum + n, 0) };
  });
  const contactsTable: StatTable = {
    columns: [
      { label: t('stats.period') },
      ...channels.map((channel) => ({ label: t(`channels.${channel}`), numeric: true })),
      { label: t('stats.total'), numeric: true },
    ],
    rows: contactRows.map((row) => ({
      key: row.period,
      cells: [periodLong(row.period), ...row.counts, row.total],
      figures: [undefined, ...channels.map((channel): StatFigure => ({ kind: 'contacts', period: row.period, channel }))],
    })),
  };
  const contactsChart = contactRows.map((row) => ({
    label: periodShort(row.period),
    period: row.period,
    ...Object.fromEntries(channels.map((channel, index) => [channel, row.counts[index]])),
  }));

  const flowTable: StatTable = {
    columns: [
      { label: t('stats.period') },
      { label: t('stats.flow.opened'), numeric: true },
      { label: t('stats.flow.resolved'), numeric: true },
    ],
    rows: stats.flow.map((row) => ({
      key: row.period,
      cells: [periodLong(row.period), row.opened, row.resolved],
      figures: [undefined, { kind: 'opened', period: row.period }, { kind: 'resolved', period: row.period }],
    })),
  };
  const backlogTable: StatTable = {
    columns: [{ label: t('stats.period') }, { label: t('stats.backlog.open'), numeric: true }],
    rows: stats.backlog.map((row) => ({
      key: row.period,
      cells: [periodLong(row.period), row.open],
      figures: [undefined, { kind: 'backlog', period: row.period }],
    })),
  };
  const recontactsTable: StatTable = {
    columns: [{ label: t('stats.channel') }, { label: t('stats.recontacts.count'), numeric: true }],
    rows: stats.recontacts.byChannel.map((row) => ({
      key: row.channel,
      cells: [t(`channels.${row.channel}`), row.count],
      figures: [undefined, { kind: 'recontacts', channel: row.channel }],
    })),
  };
  const switchesTable: StatTable = {
    columns: [{ label: t('stats.switches.from') }, { label: t('stats.switches.to') }, { label: t('stats.cases'), numeric: true }],
    rows: stats.channelSwitches.paths.map((row) => ({
      key: `${row.from}-${row.to}`,
      cells: [t(`channels.${row.from}`), t(`channels.${row.to}`), row.count],
      figures: [undefined, undefined, { kind: 'switches', from: row.from, to: row.to }],
    })),
  };
  const workloadColumns = (first: string) => [
    { label: first },
    { label: t('stats.workload.open'), numeric: true },
    { label: t('stats.workload.overdue'), numeric: true },
    { label: t('stats.workload.resolved'), numeric: true },
  ];
  const workloadRows = (rows: Statistics['workload']['agents'], owner: 'agent' | 'team') =>
    rows.map((row) => ({
      key: String(row.id),
      cells: [row.name, row.open, row.overdue, row.resolved],
      figures: [
        undefined,
        ...(['open', 'overdue', 'resolved'] as const).map(
          (measure): StatFigure => ({ kind: 'workload', owner, ownerId: row.id, measure }),
        ),
      ],
    }));
  /** A bar opens its figure too (pointer); the table view is the way in by keyboard. */
  const barClick = (
    figureOf: (payload: Record<string, unknown>) => StatFigure,
    title: (payload: Record<string, unknown>) => string,
  ) =>
    openFigure
      ? {
          cursor: 'pointer',
          onClick: (data: { payload?: Record<string, unknown>; value?: unknown }) => {
            const payload = data.payload ?? {};
            const figure = figureOf(payload);
            const count = figure.kind === 'contacts' ? Number(payload[figure.channel] ?? 0) : Number(payload.count ?? 0);
            if (count > 0) openFigure(figure, title(payload), count);
          },
        }
      : {};

  const noContacts = contactRows.every((row) => row.total === 0);
  const noFlow = stats.flow.every((row) => row.opened === 0 && row.resolved === 0);
  const noBacklog = stats.backlog.every((row) => row.open === 0);
  const nothing =
    noContacts &&
    noFlow &&
    noBacklog &&
    stats.workload.agents.length === 0 &&
    stats.workload.teams.length === 0 &&
    stats.recontacts.total === 0;
  const chartProps = { h: CHART_HEIGHT, dataKey: 'label', valueFormatter: formatNumber, ...CHART_A11Y } as const;

  return (
    <Stack gap="lg">
      <section aria-labelledby="stats-figures">
        <Title order={2} size="h4" id="stats-figures" mb="xs">
          {t('stats.figures')}
          <Text span size="sm" fw={400} c="dimmed" ml="xs">
            {rangeLabel}
          </Text>
        </Title>
        <Text size="sm" mb="xs">
          {openFigure ? t('stats.drill.hint') : t('stats.drill.countsOnly')}
        </Text>
        <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
          <Figure
            label={t('stats.firstResponseMedian')}
            value={duration(stats.firstResponse.median)}
            hint={durationHint(stats.firstResponse.count)}
          />
          <Figure
            label={t('stats.firstResponseP90')}
            value={duration(stats.firstResponse.p90)}
            hint={durationHint(stats.firstResponse.count)}
          />
          <Figure
            label={t('stats.resolutionMedian')}
            value={duration(stats.resolution.median)}
            hint={durationHint(stats.resolution.count)}
          />
          <Figure
            label={t('stats.resolutionP90')}
            value={duration(stats.resolution.p90)}
            hint={durationHint(stats.resolution.count)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
          <Figure
            label={t('stats.slaFirstResponse')}
            value={rate(stats.slaFirstResponse)}
            hint={shareHint(stats.slaFirstResponse)}
          />
          <Figure label={t('stats.slaResolution')} value={rate(stats.slaResolution)} hint={shareHint(stats.slaResolution)} />
          <Figure
            label={t('stats.firstContactResolution')}
            value={rate(stats.firstContactResolution)}
            hint={shareHint(stats.firstContactResolution)}
          />
          <Figure label={t('stats.recontactRate')} value={rate(stats.recontacts)} hint={shareHint(stats.recontacts)} />
          <Figure
            label={t('stats.channelSwitchRate')}
            value={rate(stats.channelSwitches)}
            hint={shareHint(stats.channelSwitches)}
          />
        </SimpleGrid>
      </section>

      {nothing ? (
        <Text fw={600}>{t('stats.noData')}</Text>
      ) : (
        <>
          <StatPanel
            {...drill}
            title={t('stats.contacts.title')}
            description={t('stats.contacts.description')}
            rangeLabel={rangeLabel}
            csv={csv('contacts')}
            table={contactsTable}
            empty={noContacts}
            chart={
              <BarChart
                {...chartProps}
                data={contactsChart}
                type="stacked"
                withLegend
                barProps={(series) =>
                  barClick(
                    (payload) => ({ kind: 'contacts', period: String(payload.period), channel: series.name as Channel }),
                    (payload) =>
                      `${t('stats.contacts.title')}: ${periodLong(String(payload.period))}, ${t(`channels.${series.name as Channel}`)}`,
                  )
                }
                series={channels.map((channel) => ({
                  name: channel,
                  label: t(`channels.${channel}`),
                  color: CHANNEL_COLORS[channel],
                }))}
              />
            }
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <StatPanel
              {...drill}
              title={t('stats.flow.title')}
              rangeLabel={rangeLabel}
              csv={csv('cases')}
              table={flowTable}
              empty={noFlow}
              chart={
                <LineChart
                  {...chartProps}
                  data={stats.flow.map((row) => ({ label: periodShort(row.period), opened: row.opened, resolved: row.resolved }))}
                  withLegend
                  withDots={stats.flow.length <= 31}
                  series={[
                    { name: 'opened', label: t('stats.flow.opened'), color: 'blue.7' },
                    { name: 'resolved', label: t('stats.flow.resolved'), color: 'orange.8' },
                  ]}
                />
              }
            />
            <StatPanel
              {...drill}
              title={t('stats.backlog.title')}
              description={t('stats.backlog.description')}
              rangeLabel={rangeLabel}
              csv={csv('backlog')}
              table={backlogTable}
              empty={noBacklog}
              chart={
                <AreaChart
                  {...chartProps}
                  data={stats.backlog.map((row) => ({ label: periodShort(row.period), open: row.open }))}
                  withDots={stats.backlog.length <= 31}
                  series={[{ name: 'open', label: t('stats.backlog.open'), color: 'teal.8' }]}
                />
              }
            />
            <StatPanel
              {...drill}
              title={t('stats.recontacts.title')}
              description={t('stats.recontacts.description', {
                part: formatNumber(stats.recontacts.part),
                total: formatNumber(stats.recontacts.total),
                rate: rate(stats.recontacts),
              })}
              rangeLabel={rangeLabel}
              csv={csv('recontacts')}
              table={recontactsTable}
              empty={stats.recontacts.byChannel.every((row) => row.count === 0)}
              chart={
                <BarChart
                  {...chartProps}
                  data={stats.recontacts.byChannel.map((row) => ({
                    label: t(`channels.${row.channel}`),
                    channel: row.channel,
                    count: row.count,
                  }))}
                  barProps={barClick(
                    (payload) => ({ kind: 'recontacts', channel: payload.channel as Channel }),
                    (payload) => `${t('stats.recontacts.title')}: ${String(payload.label)}`,
                  )}
                  series={[{ name: 'count', label: t('stats.recontacts.count'), color: 'grape.6' }]}
                />
              }
            />
            <StatPanel
              {...drill}
              title={t('stats.switches.title')}
              description={t('stats.switches.description', {
                part: formatNumber(stats.channelSwitches.part),
                total: formatNumber(stats.channelSwitches.total),
                rate: rate(stats.channelSwitches),
              })}
              rangeLabel={rangeLabel}
              csv={csv('channelSwitches')}
              table={switchesTable}
              empty={stats.channelSwitches.paths.length === 0}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <StatPanel
              {...drill}
              title={t('stats.agents.title')}
              description={t('stats.workload.description')}
              rangeLabel={rangeLabel}
              csv={csv('workloadAgents')}
              table={{ columns: workloadColumns(t('stats.workload.name')), rows: workloadRows(stats.workload.agents, 'agent') }}
              empty={stats.workload.agents.length === 0}
            />
            <StatPanel
              {...drill}
              title={t('stats.teams.title')}
              description={t('stats.workload.description')}
              rangeLabel={rangeLabel}
              csv={csv('workloadTeams')}
              table={{ columns: workloadColumns(t('inbox.team')), rows: workloadRows(stats.workload.teams, 'team') }}
              empty={stats.workload.teams.length === 0}
            />
          </SimpleGrid>
        </>
      )}
      {opened && (
        <Suspense fallback={null}>
          <StatCasesDialog
            input={{ question, figure: opened.figure }}
            title={opened.title}
            count={opened.count}
            onClose={() => setOpened(null)}
          />
        </Suspense>
      )}
    </Stack>
  );
}

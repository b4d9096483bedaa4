import {
  IMPACT_BREAKDOWNS,
  IMPACT_METRIC_SPEC,
  IMPACT_METRICS,
  type ImpactBreakdown,
  type ImpactMetric,
  MIN_GROUP_CASES,
  type StatisticsInput,
} from '@anliegen/shared';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useState } from 'react';
import { WholeBadge } from '../../components/domain/status-badge';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { useImpact } from './api';
import { FeedbackComments } from './feedback-comments';
import { StatPanel, type StatTable } from './stat-panel';
import panelClasses from './stat-panel.module.css';
import { dayFormatter, percentFormatter, periodFormatter } from './stat-format';

type Impact = RouterOutputs['statistics']['dashboard']['impact'];
type Figure = Impact['figures'][number];
type Fraction = { part: number; total: number };

/** The shares charted over time (the table has every figure): the desk's work, in the channels' colours. */
const CHARTED: readonly { metric: ImpactMetric; color: string }[] = [
  { metric: 'first_response_within_day', color: 'blue.7' },
  { metric: 'first_contact_resolution', color: 'teal.8' },
  { metric: 'resolved_within_sla', color: 'orange.8' },
  { metric: 'recontact_rate', color: 'grape.6' },
];
const CHART_HEIGHT = 280;

/** Met, near, missed: a colour, and always a sign and the words (WCAG 1.4.1: never colour alone). */
const VERDICT_LOOK = {
  met: { color: 'green', Icon: IconCircleCheck },
  near: { color: 'yellow', Icon: IconAlertTriangle },
  missed: { color: 'red', Icon: IconCircleX },
} as const;

/**
 * Impact figures against targets (issue 18): each figure beside its target with "Ziel erreicht / knapp verfehlt /
 * verfehlt", over time, broken down by channel, team or category on request; satisfaction with its distribution
 * and the survey's response rate; the citizens' comments. For the dashboard's question (range and filters): the
 * figures come with the dashboard (one read of the cases for both), the breakdown is asked for on its own.
 */
export function ImpactPanel({ question, impact: data }: { question: StatisticsInput; impact: Impact }) {
  const { t, locale, formatNumber } = usePageI18n();
  const [by, setBy] = useState<ImpactBreakdown | ''>('');
  const breakdown = useImpact({ question, ...(by ? { by } : {}) }, { enabled: by !== '' });
  const percent = percentFormatter(locale);
  const periodLong = periodFormatter(locale, t);
  const periodShort = periodFormatter(locale, t, true);
  const day = dayFormatter(locale);
  const rangeLabel = t('stats.range', { from: day(question.from), to: day(question.to) });
  const csv = (slug: string) => ({ slug, from: question.from, to: question.to });

  /** A figure's value in words: "83,3 %", "4,2 von 5", or "–" without cases. */
  const valueText = (metric: ImpactMetric, value: number | null) =>
    value === null
      ? t('stats.none')
      : IMPACT_METRIC_SPEC[metric].unit === 'share'
        ? percent(value)
        : t('impact.ratingValue', { value: formatNumber(Math.round(value * 10) / 10) });
  const targetText = (figure: Figure) => {
    if (!figure.target) return null;
    const goal =
      IMPACT_METRIC_SPEC[figure.metric].unit === 'share'
        ? percent(figure.target.milli / 1000)
        : valueText(figure.metric, figure.target.value);
    const line = t(IMPACT_METRIC_SPEC[figure.metric].direction === 'atLeast' ? 'impact.target.atLeast' : 'impact.target.atMost', {
      target: goal,
    });
    return figure.target.scope === 'team' ? `${line} ${t('impact.target.team')}` : line;
  };
  const verdictText = (figure: Figure) =>
    !figure.target
      ? t('impact.verdict.noTarget')
      : figure.verdict
        ? t(`impact.verdict.${figure.verdict}`)
        : t('impact.verdict.tooFew', { n: MIN_GROUP_CASES });
  /** For tables and CSV: a figure as a number in its unit (per cent, or the rating), rounded as shown. */
  const cellOf = (metric: ImpactMetric, { part, total }: Fraction) =>
    total === 0
      ? null
      : IMPACT_METRIC_SPEC[metric].unit === 'share'
        ? Math.round((part / total) * 1000) / 10
        : Math.round((part / total) * 100) / 100;
  const columnOf = (metric: ImpactMetric) => ({
    label: `${t(`impact.metric.${metric}`)} ${IMPACT_METRIC_SPEC[metric].unit === 'share' ? t('impact.unit.percent') : t('impact.unit.rating')}`,
    numeric: true,
  });

  const overTime: StatTable = {
    columns: [{ label: t('stats.period') }, ...IMPACT_METRICS.map(columnOf)],
    rows: data.series.map((row) => ({
      key: row.period,
      cells: [periodLong(row.period), ...IMPACT_METRICS.map((metric) => cellOf(metric, row.figures[metric]))],
    })),
  };
  const chartRows = data.series.map((row) => ({
    label: periodShort(row.period),
    ...Object.fromEntries(CHARTED.map(({ metric }) => [metric, cellOf(metric, row.figures[metric])])),
  }));
  const ratingsTable: StatTable = {
    columns: [{ label: t('impact.rating') }, { label: t('impact.answers'), numeric: true }],
    rows: data.satisfaction.ratings.map((count, index) => ({
      key: String(index + 1),
      cells: [t('impact.ratingOf', { n: index + 1 }), count],
    })),
  };
  const nameOf = (row: NonNullable<Impact['breakdown']>['rows'][number], kind: ImpactBreakdown) =>
    kind === 'channel'
      ? t(`channels.${row.key as 'email'}`)
      : (row.name ?? (kind === 'team' ? t('impact.breakdown.noTeam') : t('impact.breakdown.noCategory')));
  const shown = breakdown.data?.breakdown;
  const breakdownTable: StatTable | null = shown
    ? {
        columns: [
          { label: t(`impact.breakdown.${shown.by}`) },
          ...IMPACT_METRICS.map((metric) => ({ label: t(`impact.metric.${metric}`) })),
        ],
        rows: shown.rows.map((row) => ({
          key: String(row.key),
          cells: [
            nameOf(row, shown.by),
            ...row.figures.map((figure) =>
              figure.total === 0
                ? t('stats.none')
                : figure.target
                  ? `${valueText(figure.metric, figure.value)} · ${verdictText(figure)}`
                  : valueText(figure.metric, figure.value),
            ),
          ],
        })),
      }
    : null;
  const survey = data.survey;
  const satisfaction = data.figures.find((figure) => figure.metric === 'satisfaction')!;
  const solved = data.figures.find((figure) => figure.metric === 'solved_share')!;

  return (
    <Stack gap="lg" mt="lg">
      <section aria-labelledby="impact-title">
        <Title order={2} size="h4" id="impact-title" mb="xs">
          {t('impact.title')}
          <Text span size="sm" fw={400} c="dimmed" ml="xs">
            {rangeLabel}
          </Text>
        </Title>
        <Text size="sm" mb="sm" maw="60rem">
          {t('impact.intro', { n: MIN_GROUP_CASES })}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          {data.figures.map((figure) => (
            <Card key={figure.metric} withBorder padding="md" data-metric={figure.metric}>
              <Text size="sm" c="dimmed" component="h3" m={0} fw={400} className={panelClasses.breakWords}>
                {t(`impact.metric.${figure.metric}`)}
              </Text>
              <Text fw={700} size="xl">
                {valueText(figure.metric, figure.value)}
              </Text>
              {targetText(figure) && <Text size="sm">{targetText(figure)}</Text>}
              <Group mt={4}>
                <Verdict figure={figure} text={verdictText(figure)} />
              </Group>
              <Text size="xs" c="dimmed" mt={4}>
                {IMPACT_METRIC_SPEC[figure.metric].unit === 'share'
                  ? t('impact.hint.share', { part: formatNumber(figure.part), total: formatNumber(figure.total) })
                  : t('impact.hint.rating', { n: formatNumber(figure.total) })}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <StatPanel
        title={t('impact.overTime.title')}
        description={t('impact.overTime.description')}
        rangeLabel={rangeLabel}
        csv={csv(t('impact.file.overTime'))}
        table={overTime}
        empty={data.series.every((row) => IMPACT_METRICS.every((metric) => row.figures[metric].total === 0))}
        chart={
          <LineChart
            h={CHART_HEIGHT}
            dataKey="label"
            data={chartRows}
            withLegend
            connectNulls
            withDots={data.series.length <= 31}
            valueFormatter={(value) => `${formatNumber(value)} %`}
            accessibilityLayer={false}
            series={CHARTED.map(({ metric, color }) => ({ name: metric, label: t(`impact.metric.${metric}`), color }))}
          />
        }
      />

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <StatPanel
          title={t('impact.satisfaction.title')}
          description={t('impact.satisfaction.description', {
            answers: formatNumber(data.satisfaction.answers),
            mean: valueText('satisfaction', satisfaction.value),
            solved: valueText('solved_share', solved.value),
            yes: formatNumber(data.satisfaction.solved.yes),
            partly: formatNumber(data.satisfaction.solved.partly),
            no: formatNumber(data.satisfaction.solved.no),
          })}
          rangeLabel={rangeLabel}
          csv={csv(t('impact.file.ratings'))}
          table={ratingsTable}
          empty={data.satisfaction.answers === 0}
          chart={
            <BarChart
              h={CHART_HEIGHT}
              dataKey="label"
              data={data.satisfaction.ratings.map((count, index) => ({ label: String(index + 1), count }))}
              valueFormatter={formatNumber}
              accessibilityLayer={false}
              series={[{ name: 'count', label: t('impact.answers'), color: 'teal.8' }]}
            />
          }
        />
        <Card withBorder padding="md" component="section" aria-labelledby="impact-survey-title">
          <Title order={2} size="h4" id="impact-survey-title">
            {t('impact.survey.title')}
          </Title>
          <Text mt="xs">
            {t('impact.survey.description', {
              invited: formatNumber(survey.invited),
              answered: formatNumber(survey.answered),
              rate: survey.invited === 0 ? t('stats.none') : percent(survey.answered / survey.invited),
            })}
          </Text>
        </Card>
      </SimpleGrid>

      <section aria-labelledby="impact-breakdown-title">
        <Title order={2} size="h4" id="impact-breakdown-title" mb="xs">
          {t('impact.breakdown.title')}
        </Title>
        <Group align="flex-end" mb="sm">
          <NativeSelect
            label={t('impact.breakdown.by')}
            value={by}
            data={[
              { value: '', label: t('impact.breakdown.none') },
              ...IMPACT_BREAKDOWNS.map((value) => ({ value, label: t(`impact.breakdown.${value}`) })),
            ]}
            onChange={(event) => setBy(event.currentTarget.value as ImpactBreakdown | '')}
          />
          <div role="status">
            {by !== '' && breakdown.isFetching && (
              <Group gap="xs">
                <Loader size="sm" aria-hidden />
                <Text size="sm">{t('stats.loading')}</Text>
              </Group>
            )}
          </div>
        </Group>
        <ErrorAlert error={breakdown.error} />
        {by !== '' && breakdownTable && shown && (
          <StatPanel
            title={t('impact.breakdown.tableTitle', { by: t(`impact.breakdown.${shown.by}`) })}
            rangeLabel={rangeLabel}
            csv={csv(t('impact.file.breakdown'))}
            table={breakdownTable}
            empty={shown.rows.length === 0}
          />
        )}
      </section>

      <FeedbackComments question={question} />
    </Stack>
  );
}

function Verdict({ figure, text }: { figure: Figure; text: string }) {
  if (!figure.target || !figure.verdict) {
    return (
      <Text size="sm" c="dimmed">
        {text}
      </Text>
    );
  }
  const { color, Icon } = VERDICT_LOOK[figure.verdict];
  return (
    <WholeBadge color={color} leftSection={<Icon size={14} aria-hidden />}>
      {text}
    </WholeBadge>
  );
}

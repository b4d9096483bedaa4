import { type CsvCell, formatIsoDay, type StatisticsResult, toCsv, UTF8_BOM } from '@anliegen/shared';
import type { ReportWeek } from './report-week.js';
import { weeklyReportTexts } from './weekly-report.texts.js';

/**
 * The weekly report's CSV files, made for German Excel whatever the recipient's language (the town hall's
 * spreadsheets are German): UTF-8 with a byte order mark (else Excel reads the umlauts as Windows-1252), semicolons
 * between fields, decimal commas ("87,5"), no thousands separators, CRLF line ends, dates as "30.11.2026" (which
 * German Excel reads as dates). Shares are percentages (87,5 for 87.5 %), durations business minutes. A figure
 * without cases (a median of nothing) is an empty cell, not 0.
 */

export interface ReportFile {
  filename: string;
  /** The file's bytes as text, BOM included. */
  content: string;
}

const T = weeklyReportTexts.csv;
const CHANNEL_NAMES = T.channel;
const percent = (rate: number | null): CsvCell => (rate === null ? null : Math.round(rate * 1000) / 10);
const csv = (header: string[], rows: CsvCell[][]) => UTF8_BOM + toCsv(header, rows, 'de');
const day = (isoDay: string) => formatIsoDay(isoDay, 'de');

export function weeklyReportFiles(stats: StatisticsResult, week: ReportWeek): ReportFile[] {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const channels = [...new Set(stats.contacts.map((row) => row.channel))];
  const contactsOf = (period: string, channel: string) =>
    stats.contacts.find((row) => row.period === period && row.channel === channel)?.count ?? 0;
  const figures: CsvCell[][] = [
    [T.opened, sum(stats.flow.map((row) => row.opened)), T.cases],
    [T.resolved, sum(stats.flow.map((row) => row.resolved)), T.cases],
    [T.openAtEnd, stats.backlog[stats.backlog.length - 1]?.open ?? 0, T.cases],
    ...channels.map((channel): CsvCell[] => [
      T.contactsOf(CHANNEL_NAMES[channel]),
      sum(stats.periods.map((period) => contactsOf(period, channel))),
      T.contacts,
    ]),
    [T.firstResponseMedian, stats.firstResponse.median, T.businessMinutes],
    [T.firstResponseP90, stats.firstResponse.p90, T.businessMinutes],
    [T.resolutionMedian, stats.resolution.median, T.businessMinutes],
    [T.resolutionP90, stats.resolution.p90, T.businessMinutes],
    [T.firstResponseInTime, percent(stats.slaFirstResponse.rate), '%'],
    [T.resolutionInTime, percent(stats.slaResolution.rate), '%'],
    [T.firstContactResolution, percent(stats.firstContactResolution.rate), '%'],
    [T.recontacts, percent(stats.recontacts.rate), '%'],
    [T.channelSwitches, percent(stats.channelSwitches.rate), '%'],
  ];
  const days = stats.periods.map((period, index): CsvCell[] => [
    day(period),
    stats.flow[index]?.opened ?? 0,
    stats.flow[index]?.resolved ?? 0,
    stats.backlog[index]?.open ?? 0,
    ...channels.map((channel) => contactsOf(period, channel)),
  ]);
  const teams = stats.workload.teams.map((team): CsvCell[] => [team.name, team.open, team.overdue, team.resolved]);
  const name = (what: string) => T.fileName(what, week.monday, week.sunday);
  return [
    { filename: name(T.figuresFile), content: csv(T.figuresHeader, figures) },
    {
      filename: name(T.daysFile),
      content: csv([T.day, T.opened, T.resolved, T.openAtDayEnd, ...channels.map((c) => T.contactsOf(CHANNEL_NAMES[c]))], days),
    },
    {
      filename: name(T.teamsFile),
      content: csv([T.team, T.openAtSending, T.overdueAtSending, T.resolvedInWeek], teams),
    },
  ];
}

import { type CsvCell, formatIsoDay, type StatisticsResult, toCsv, UTF8_BOM } from '@anliegen/shared';
import type { ReportWeek } from './report-week.js';

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

const CHANNEL_NAMES = { email: 'E-Mail', webform: 'Webformular', phone: 'Telefon', counter: 'Schalter', note: 'Notiz' } as const;
const percent = (rate: number | null): CsvCell => (rate === null ? null : Math.round(rate * 1000) / 10);
const csv = (header: string[], rows: CsvCell[][]) => UTF8_BOM + toCsv(header, rows, 'de');
const day = (isoDay: string) => formatIsoDay(isoDay, 'de');

export function weeklyReportFiles(stats: StatisticsResult, week: ReportWeek): ReportFile[] {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const channels = [...new Set(stats.contacts.map((row) => row.channel))];
  const contactsOf = (period: string, channel: string) =>
    stats.contacts.find((row) => row.period === period && row.channel === channel)?.count ?? 0;
  const figures: CsvCell[][] = [
    ['Neue Fälle', sum(stats.flow.map((row) => row.opened)), 'Fälle'],
    ['Erledigte Fälle', sum(stats.flow.map((row) => row.resolved)), 'Fälle'],
    ['Offene Fälle am Ende der Woche', stats.backlog[stats.backlog.length - 1]?.open ?? 0, 'Fälle'],
    ...channels.map((channel): CsvCell[] => [
      `Kontakte ${CHANNEL_NAMES[channel]}`,
      sum(stats.periods.map((period) => contactsOf(period, channel))),
      'Kontakte',
    ]),
    ['Erste Antwort, Median', stats.firstResponse.median, 'Geschäftsminuten'],
    ['Erste Antwort, 90 % innerhalb', stats.firstResponse.p90, 'Geschäftsminuten'],
    ['Erledigung, Median', stats.resolution.median, 'Geschäftsminuten'],
    ['Erledigung, 90 % innerhalb', stats.resolution.p90, 'Geschäftsminuten'],
    ['Erste Antwort in der Frist', percent(stats.slaFirstResponse.rate), '%'],
    ['Erledigung in der Frist', percent(stats.slaResolution.rate), '%'],
    ['Beim ersten Kontakt erledigt', percent(stats.firstContactResolution.rate), '%'],
    ['Erneute Kontakte', percent(stats.recontacts.rate), '%'],
    ['Kanalwechsel', percent(stats.channelSwitches.rate), '%'],
  ];
  const days = stats.periods.map((period, index): CsvCell[] => [
    day(period),
    stats.flow[index]?.opened ?? 0,
    stats.flow[index]?.resolved ?? 0,
    stats.backlog[index]?.open ?? 0,
    ...channels.map((channel) => contactsOf(period, channel)),
  ]);
  const teams = stats.workload.teams.map((team): CsvCell[] => [team.name, team.open, team.overdue, team.resolved]);
  const name = (what: string) => `anliegen-wochenbericht-${what}-${week.monday}-${week.sunday}.csv`;
  return [
    { filename: name('kennzahlen'), content: csv(['Kennzahl', 'Wert', 'Einheit'], figures) },
    {
      filename: name('tage'),
      content: csv(
        ['Tag', 'Neue Fälle', 'Erledigte Fälle', 'Offen am Tagesende', ...channels.map((c) => `Kontakte ${CHANNEL_NAMES[c]}`)],
        days,
      ),
    },
    {
      filename: name('teams'),
      content: csv(['Team', 'Offen bei Versand', 'Überfällig bei Versand', 'Erledigt in der Woche'], teams),
    },
  ];
}

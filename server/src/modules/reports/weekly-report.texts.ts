import { CHANNEL_NAMES } from '../../domain/names.texts.js';

/**
 * The weekly report's German (reports.service.ts writes the mail, weekly-report.csv.ts the CSV files): made for the
 * town hall's German spreadsheets whatever the recipient's language. Vocabulary: docs/glossary.md.
 */
export const weeklyReportTexts = {
  mail: {
    subject: (week: string, range: string) => `Anliegen: Wochenbericht KW ${week} (${range})`,
    greeting: (name: string) => `Guten Tag ${name},`,
    intro: (week: number, range: string, scope: string) => `hier sind die Zahlen der Kalenderwoche ${week} (${range}, ${scope}):`,
    scopeTeams: (teams: string) => `Ihre Teams: ${teams}`,
    scopeAll: 'alle Teams',
    opened: 'Neue Vorgänge',
    resolved: 'Erledigte Vorgänge',
    openAtEnd: 'Offen am Ende der Woche',
    contacts: 'Kontakte',
    attachments: 'Alle Kennzahlen, die Tage und die Teams stehen in den angehängten CSV-Dateien (für Excel).',
    details: (url: string) => `Die Statistik im Detail: ${url}`,
    unsubscribe: 'Diesen Bericht können Sie dort unter „Wochenbericht per E-Mail“ abbestellen.',
  },
  csv: {
    fileName: (what: string, from: string, to: string) => `anliegen-wochenbericht-${what}-${from}-${to}.csv`,
    figuresFile: 'kennzahlen',
    daysFile: 'tage',
    teamsFile: 'teams',
    channel: CHANNEL_NAMES,
    figuresHeader: ['Kennzahl', 'Wert', 'Einheit'],
    opened: 'Neue Vorgänge',
    resolved: 'Erledigte Vorgänge',
    openAtEnd: 'Offene Vorgänge am Ende der Woche',
    cases: 'Vorgänge',
    contactsOf: (channel: string) => `Kontakte ${channel}`,
    contacts: 'Kontakte',
    firstResponseMedian: 'Erste Antwort, Median',
    firstResponseP90: 'Erste Antwort, 90 % innerhalb',
    resolutionMedian: 'Erledigung, Median',
    resolutionP90: 'Erledigung, 90 % innerhalb',
    businessMinutes: 'Geschäftsminuten',
    firstResponseInTime: 'Erste Antwort in der Frist',
    resolutionInTime: 'Erledigung in der Frist',
    firstContactResolution: 'Beim ersten Kontakt erledigt',
    recontacts: 'Erneute Kontakte',
    channelSwitches: 'Kanalwechsel',
    day: 'Tag',
    openAtDayEnd: 'Offen am Tagesende',
    team: 'Team',
    openAtSending: 'Offen bei Versand',
    overdueAtSending: 'Überfällig bei Versand',
    resolvedInWeek: 'Erledigt in der Woche',
  },
};

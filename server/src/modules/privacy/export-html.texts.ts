import { CHANNEL_NAMES, DIRECTION_NAMES, STATUS_NAMES } from '../../domain/names.texts.js';

/**
 * The Art. 15 export's German (export-html.ts): the document a citizen receives about their data. Names of channels
 * and statuses as the desk shows them (client/src/i18n/de.ts); vocabulary: docs/glossary.md.
 */
export const exportHtmlTexts = {
  channel: CHANNEL_NAMES as Record<string, string>,
  direction: DIRECTION_NAMES as Record<string, string>,
  status: STATUS_NAMES as Record<string, string>,
  contactKind: { email: 'E-Mail', phone: 'Telefon', address: 'Anschrift' } as Record<string, string>,
  title: 'Auskunft nach Art. 15 DSGVO',
  heading: 'Auskunft über gespeicherte Daten (Art. 15 DSGVO)',
  createdOn: (when: string) => `Erstellt am ${when}.`,
  person: 'Person',
  givenName: 'Vorname',
  familyName: 'Nachname',
  displayName: 'Angezeigter Name',
  birthDate: 'Geburtsdatum',
  recordedOn: 'Erfasst am',
  mergedFrom: (n: number) => `Zusammengeführt aus ${n === 1 ? 'einem weiteren Datensatz' : `${n} weiteren Datensätzen`}.`,
  contacts: 'Kontaktdaten',
  noContacts: 'Keine Kontaktdaten gespeichert.',
  preferred: 'bevorzugt',
  cases: (n: number) => `Vorgänge (${n})`,
  noCases: 'Keine Vorgänge.',
  case: 'Vorgang',
  status_: 'Status',
  category: 'Thema',
  team: 'Zuständiges Team',
  originChannel: 'Eingangskanal',
  created: 'Angelegt',
  resolved: 'Erledigt',
  closed: 'Geschlossen',
  anonymised: 'Anonymisiert',
  feedback: 'Ihre Rückmeldung',
  feedbackAnswer: (solved: string | null, rating: number | null) =>
    `Gelöst: ${solved === 'yes' ? 'ja' : solved === 'partly' ? 'teilweise' : solved === 'no' ? 'nein' : '–'}; Zufriedenheit: ${rating === null ? '–' : `${rating} von 5`}`,
  feedbackComment: 'Ihr Kommentar',
  messages: 'Nachrichten',
  noMessages: 'Keine Nachrichten.',
  subject: 'Betreff',
  attachments: 'Anhänge',
  bytes: 'Bytes',
  audit: 'Protokoll der Zugriffe und Änderungen',
  noAuditEvents: 'Keine Einträge.',
  auditColumns: ['Zeit', 'Aktion', 'Objekt', 'Benutzerkonto'],
  system: 'System',
};

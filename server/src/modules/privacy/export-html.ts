import { formatBerlin } from '@anliegen/shared';
import type { CitizenExport } from './citizen-data.js';

/** Every text goes through this: the document never contains markup from stored data. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function when(ms: number | null | undefined): string {
  return ms == null ? '–' : escapeHtml(formatBerlin(Number(ms), 'de', 'dateTime'));
}

const CHANNELS: Record<string, string> = {
  email: 'E-Mail',
  webform: 'Webformular',
  phone: 'Telefon',
  counter: 'Schalter',
  note: 'Notiz',
};
const DIRECTIONS: Record<string, string> = { inbound: 'eingehend', outbound: 'ausgehend', internal: 'intern' };
const STATUSES: Record<string, string> = {
  new: 'neu',
  open: 'offen',
  waiting_citizen: 'wartet auf Bürger/in',
  waiting_internal: 'wartet intern',
  resolved: 'gelöst',
  closed: 'abgeschlossen',
};
const KINDS: Record<string, string> = { email: 'E-Mail', phone: 'Telefon', address: 'Anschrift' };

const label = (map: Record<string, string>, key: string) => escapeHtml(map[key] ?? key);

function rows(pairs: [string, string][]): string {
  return `<dl>${pairs.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/**
 * The Art. 15 export as a self-contained German HTML document (no scripts, no external resources): every stored
 * value is escaped, so a message containing markup is shown as text.
 */
export function renderExportHtml(data: CitizenExport): string {
  const { citizen } = data;
  const contacts =
    data.contacts.length === 0
      ? '<p>Keine Kontaktdaten gespeichert.</p>'
      : `<ul>${data.contacts
          .map(
            (contact) =>
              `<li>${label(KINDS, contact.kind)}: ${escapeHtml(contact.value)}${contact.isPrimary ? ' (bevorzugt)' : ''}</li>`,
          )
          .join('')}</ul>`;
  const cases = data.cases
    .map((item) => {
      const messages = item.interactions
        .map((interaction) => {
          const attachments =
            interaction.attachments.length === 0
              ? ''
              : `<p>Anhänge:</p><ul>${interaction.attachments
                  .map(
                    (attachment) =>
                      `<li>${escapeHtml(attachment.filename)} (${escapeHtml(attachment.contentType)}, ${escapeHtml(attachment.sizeBytes)} Bytes)</li>`,
                  )
                  .join('')}</ul>`;
          return `<article><h4>${when(interaction.occurredAt)} · ${label(CHANNELS, interaction.channel)} · ${label(DIRECTIONS, interaction.direction)}${
            interaction.author ? ` · ${escapeHtml(interaction.author)}` : ''
          }</h4>${interaction.subject ? `<p><strong>Betreff:</strong> ${escapeHtml(interaction.subject)}</p>` : ''}<pre>${escapeHtml(
            interaction.text,
          )}</pre>${attachments}</article>`;
        })
        .join('');
      return `<section><h3>Vorgang ${escapeHtml(item.reference)}: ${escapeHtml(item.subject)}</h3>${rows([
        ['Status', label(STATUSES, item.status)],
        ['Kategorie', escapeHtml(item.category ?? '–')],
        ['Zuständig', escapeHtml(item.team ?? '–')],
        ['Eingangskanal', label(CHANNELS, item.originChannel)],
        ['Angelegt', when(item.createdAt)],
        ['Gelöst', when(item.resolvedAt)],
        ['Abgeschlossen', when(item.closedAt)],
        ['Anonymisiert', when(item.anonymisedAt)],
      ])}<h4>Nachrichten</h4>${messages || '<p>Keine Nachrichten.</p>'}</section>`;
    })
    .join('');
  const audit =
    data.auditEvents.length === 0
      ? '<p>Keine Einträge.</p>'
      : `<table><thead><tr><th>Zeit</th><th>Aktion</th><th>Objekt</th><th>Benutzer-ID</th></tr></thead><tbody>${data.auditEvents
          .map(
            (event) =>
              `<tr><td>${when(event.occurredAt)}</td><td>${escapeHtml(event.action)}</td><td>${escapeHtml(event.entityType)} ${escapeHtml(
                event.entityId ?? '',
              )}</td><td>${escapeHtml(event.actorId ?? 'System')}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Auskunft nach Art. 15 DSGVO</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
dl{display:grid;grid-template-columns:12rem 1fr;gap:.25rem 1rem}dt{font-weight:bold}
pre{white-space:pre-wrap;font-family:inherit;background:#f4f4f4;padding:.5rem}
section{border-top:1px solid #999;margin-top:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}</style>
</head><body>
<h1>Auskunft über gespeicherte Daten (Art. 15 DSGVO)</h1>
<p>Erstellt am ${when(data.exportedAt)}.</p>
<h2>Person</h2>${rows([
    ['Vorname', escapeHtml(citizen.givenName ?? '–')],
    ['Nachname', escapeHtml(citizen.familyName ?? '–')],
    ['Angezeigter Name', escapeHtml(citizen.displayName)],
    ['Geburtsdatum', escapeHtml(citizen.birthDate ?? '–')],
    ['Erfasst am', when(citizen.createdAt)],
  ])}
${data.mergedCitizens.length > 0 ? `<p>Zusammengeführt aus ${data.mergedCitizens.length} weiteren Datensätzen.</p>` : ''}
<h2>Kontaktdaten</h2>${contacts}
<h2>Vorgänge (${data.cases.length})</h2>${cases || '<p>Keine Vorgänge.</p>'}
<h2>Protokoll der Zugriffe und Änderungen</h2>${audit}
</body></html>
`;
}

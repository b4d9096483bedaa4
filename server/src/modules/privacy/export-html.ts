import { auditTextsDe, formatBerlin, formatIsoDay } from '@anliegen/shared';
import type { AuditNames } from '../audit/audit-names.js';
import type { CitizenExport } from './citizen-data.js';
import { exportHtmlTexts as T } from './export-html.texts.js';

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

const CHANNELS = T.channel;
const DIRECTIONS = T.direction;
const STATUSES = T.status;
const KINDS = T.contactKind;

const label = (map: Record<string, string>, key: string) => escapeHtml(map[key] ?? key);

/** An audit event's action and record in words, as the desk's audit log shows them (shared/src/audit.texts.ts). */
function auditWords(event: CitizenExport['auditEvents'][number], names: AuditNames) {
  const texts = auditTextsDe as Record<string, string>;
  const kind = event.entityType as keyof AuditNames;
  const name = event.entityId === null ? undefined : names[kind]?.[Number(event.entityId)];
  return {
    action: texts[`audit.action.${event.action}`] ?? event.action,
    record: `${texts[`audit.entityType.${event.entityType}`] ?? event.entityType} ${name ?? event.entityId ?? ''}`.trim(),
    actor: event.actorId === null ? T.system : (names.user[event.actorId] ?? String(event.actorId)),
  };
}

function rows(pairs: [string, string][]): string {
  return `<dl>${pairs.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/**
 * The Art. 15 export as a self-contained German HTML document (no scripts, no external resources): every stored
 * value is escaped, so a message containing markup is shown as text.
 */
export function renderExportHtml(data: CitizenExport, names: AuditNames): string {
  const { citizen } = data;
  const contacts =
    data.contacts.length === 0
      ? `<p>${escapeHtml(T.noContacts)}</p>`
      : `<ul>${data.contacts
          .map(
            (contact) =>
              `<li>${label(KINDS, contact.kind)}: ${escapeHtml(contact.value)}${contact.isPrimary ? ` (${escapeHtml(T.preferred)})` : ''}</li>`,
          )
          .join('')}</ul>`;
  const cases = data.cases
    .map((item) => {
      const messages = item.interactions
        .map((interaction) => {
          const attachments =
            interaction.attachments.length === 0
              ? ''
              : `<p>${escapeHtml(T.attachments)}:</p><ul>${interaction.attachments
                  .map(
                    (attachment) =>
                      `<li>${escapeHtml(attachment.filename)} (${escapeHtml(attachment.contentType)}, ${escapeHtml(attachment.sizeBytes)} ${escapeHtml(T.bytes)})</li>`,
                  )
                  .join('')}</ul>`;
          return `<article><h4>${when(interaction.occurredAt)} · ${label(CHANNELS, interaction.channel)} · ${label(DIRECTIONS, interaction.direction)}${
            interaction.author ? ` · ${escapeHtml(interaction.author)}` : ''
          }</h4>${interaction.subject ? `<p><strong>${escapeHtml(T.subject)}:</strong> ${escapeHtml(interaction.subject)}</p>` : ''}<pre>${escapeHtml(
            interaction.text,
          )}</pre>${attachments}</article>`;
        })
        .join('');
      return `<section><h3>${escapeHtml(T.case)} ${escapeHtml(item.reference)}: ${escapeHtml(item.subject)}</h3>${rows([
        [T.status_, label(STATUSES, item.status)],
        [T.category, escapeHtml(item.category ?? '–')],
        [T.team, escapeHtml(item.team ?? '–')],
        [T.originChannel, label(CHANNELS, item.originChannel)],
        [T.created, when(item.createdAt)],
        [T.resolved, when(item.resolvedAt)],
        [T.closed, when(item.closedAt)],
        [T.anonymised, when(item.anonymisedAt)],
        ...(item.feedback
          ? ([
              [T.feedback, escapeHtml(T.feedbackAnswer(item.feedback.solved, item.feedback.rating))],
              ...(item.feedback.comment ? [[T.feedbackComment, escapeHtml(item.feedback.comment)]] : []),
            ] as [string, string][])
          : []),
      ])}<h4>${escapeHtml(T.messages)}</h4>${messages || `<p>${escapeHtml(T.noMessages)}</p>`}</section>`;
    })
    .join('');
  const audit =
    data.auditEvents.length === 0
      ? `<p>${escapeHtml(T.noAuditEvents)}</p>`
      : `<table><thead><tr>${T.auditColumns.map((column) => `<th>${escapeHtml(column)}</th>`).join('')}</tr></thead><tbody>${data.auditEvents
          .map((event) => {
            const words = auditWords(event, names);
            return `<tr><td>${when(event.occurredAt)}</td><td>${escapeHtml(words.action)}</td><td>${escapeHtml(words.record)}</td><td>${escapeHtml(words.actor)}</td></tr>`;
          })
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(T.title)}</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
dl{display:grid;grid-template-columns:12rem 1fr;gap:.25rem 1rem}dt{font-weight:bold}
pre{white-space:pre-wrap;font-family:inherit;background:#f4f4f4;padding:.5rem}
section{border-top:1px solid #999;margin-top:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}</style>
</head><body>
<h1>${escapeHtml(T.heading)}</h1>
<p>${T.createdOn(when(data.exportedAt))}</p>
<h2>${escapeHtml(T.person)}</h2>${rows([
    [T.givenName, escapeHtml(citizen.givenName ?? '–')],
    [T.familyName, escapeHtml(citizen.familyName ?? '–')],
    [T.displayName, escapeHtml(citizen.displayName)],
    [T.birthDate, escapeHtml(citizen.birthDate ? formatIsoDay(citizen.birthDate, 'de') : '–')],
    [T.recordedOn, when(citizen.createdAt)],
  ])}
${data.mergedCitizens.length > 0 ? `<p>${escapeHtml(T.mergedFrom(data.mergedCitizens.length))}</p>` : ''}
<h2>${escapeHtml(T.contacts)}</h2>${contacts}
<h2>${escapeHtml(T.cases(data.cases.length))}</h2>${cases || `<p>${escapeHtml(T.noCases)}</p>`}
<h2>${escapeHtml(T.audit)}</h2>${audit}
</body></html>
`;
}

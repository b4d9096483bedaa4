import { sanitizeMailHtml } from './sanitize-mail-html.js';
import type { DB } from '../../db/database.js';
import { attachmentsOf, type TimelineRow, type timelineOfCitizen } from './interactions.repo.js';

type Attachment = Awaited<ReturnType<typeof attachmentsOf>>[number];

/**
 * A mail's HTML as the agent sees it: cleaned again (HTML stored before a sanitiser fix gets the fix; about a
 * millisecond for a long mail), with `cid:` images shown as the mail's own image attachments (unknown ones dropped).
 */
function mailHtml(html: string | null, attachments: Attachment[]): string | null {
  if (!html) return html;
  const images = new Map(
    attachments
      .filter((file) => file.contentId && file.contentType.toLowerCase().startsWith('image/'))
      .map((file) => [file.contentId!, `/attachments/${file.id}`]),
  );
  return sanitizeMailHtml(html, { cidUrl: (contentId) => images.get(contentId) ?? null });
}

/** Metadata as stored: channel details (strings) and an outgoing mail's copies and forward. */
type MailMetadata = Record<string, string> & {
  cc?: string[];
  bcc?: string[];
  forward?: { kind: 'case' | 'message'; interactionId?: number };
  withoutContent?: boolean;
};

/** One entry of a timeline, on any channel. Metadata (call outcome, office) is parsed for the client. */
export function toTimelineItem(row: TimelineRow, attachments: Attachment[] = []) {
  const { cc, bcc, forward, withoutContent, ...fields } = row.metadata
    ? (JSON.parse(row.metadata) as MailMetadata)
    : ({} as MailMetadata);
  const details = row.metadata ? (fields as Record<string, string>) : null;
  const files = attachments.filter((file) => file.interactionId === row.id);
  return {
    restricted: false as const,
    id: row.id,
    caseId: row.caseId,
    caseReference: row.caseReference,
    channel: row.channel,
    direction: row.direction,
    subject: row.subject,
    text: row.text,
    /** Sanitised on arrival and when shown (no scripts, no remote images, no URL into the app); shown on request. */
    html: mailHtml(row.htmlSanitized, files),
    occurredAt: row.occurredAt,
    durationSeconds: row.durationSeconds,
    deliveryStatus: row.deliveryStatus,
    authorName: row.authorName,
    details,
    /**
     * Who sent an incoming mail. `otherSender`: not the case's citizen (an address that is not theirs), shown plainly
     * so nobody takes it for the citizen's own words; the agent can add the address to the citizen or split it off.
     */
    sender:
      row.channel === 'email' && row.direction === 'inbound'
        ? {
            citizenId: row.citizenId,
            address: details?.from ?? null,
            name: details?.fromName ?? null,
            otherSender: row.citizenId !== row.caseCitizenId,
            /** An office the case was forwarded to answered (issue 16): their mail, not the citizen's. */
            external: details?.external === 'forward',
          }
        : null,
    /**
     * An outgoing mail's recipients (staff only: BCC too, which the mail itself does not show) and, for a forward to
     * another office, what was forwarded.
     */
    mail:
      row.channel === 'email' && row.direction === 'outbound'
        ? {
            to: details?.to ?? null,
            cc: cc ?? [],
            bcc: bcc ?? [],
            forward: forward ?? null,
            /** Sent without content (issue 18): the citizen got a notice with a status link; this is what they read there. */
            withoutContent: withoutContent === true,
          }
        : null,
    /** Sent by a machine (out-of-office note, mailing list, delivery report): never acknowledged, no status change. */
    machine: (details?.machine as 'bounce' | 'auto-reply' | 'bulk' | undefined) ?? null,
    /** The original mail can be downloaded as .eml (`/mail-source/:id`). */
    hasSource: row.hasSource === 1,
    attachments: files.map(({ id, filename, contentType, sizeBytes }) => ({ id, filename, contentType, sizeBytes })),
  };
}
export type TimelineItem = ReturnType<typeof toTimelineItem>;

/** Timeline rows with their attachments, in one extra query. */
export async function toTimelineItems(db: DB, rows: TimelineRow[]): Promise<TimelineItem[]> {
  const attachments = await attachmentsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toTimelineItem(row, attachments));
}

type HistoryRow = Awaited<ReturnType<typeof timelineOfCitizen>>[number];

/**
 * An entry of a case the reader may not open (CASE_ACCESS=team): when, on which channel, which case, which team and
 * how it stands, so the agent knows the citizen is in touch elsewhere and with whom; no subject, text or files.
 */
export function toRestrictedItem(row: HistoryRow) {
  return {
    restricted: true as const,
    id: row.id,
    caseId: row.caseId,
    caseReference: row.caseReference,
    channel: row.channel,
    direction: row.direction,
    occurredAt: row.occurredAt,
    teamName: row.teamName ?? '',
    caseStatus: row.caseStatus,
  };
}

/** A citizen-wide history: full entries of the cases the reader may open, stubs of the others. */
export async function toHistoryItems(db: DB, rows: HistoryRow[]) {
  const full = new Map(
    (
      await toTimelineItems(
        db,
        rows.filter((row) => row.visible === 1),
      )
    ).map((item) => [item.id, item]),
  );
  return rows.map((row) => full.get(row.id) ?? toRestrictedItem(row));
}

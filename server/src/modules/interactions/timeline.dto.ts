import type { DB } from '../../db/database.js';
import { attachmentsOf, type TimelineRow, type timelineOfCitizen } from './interactions.repo.js';

type Attachment = Awaited<ReturnType<typeof attachmentsOf>>[number];

/** One entry of a timeline, on any channel. Metadata (call outcome, office) is parsed for the client. */
export function toTimelineItem(row: TimelineRow, attachments: Attachment[] = []) {
  return {
    restricted: false as const,
    id: row.id,
    caseId: row.caseId,
    caseReference: row.caseReference,
    channel: row.channel,
    direction: row.direction,
    subject: row.subject,
    text: row.text,
    /** Sanitised on arrival (no scripts, no remote images); shown on request. */
    html: row.htmlSanitized,
    occurredAt: row.occurredAt,
    durationSeconds: row.durationSeconds,
    deliveryStatus: row.deliveryStatus,
    authorName: row.authorName,
    details: row.metadata ? (JSON.parse(row.metadata) as Record<string, string>) : null,
    attachments: attachments
      .filter((file) => file.interactionId === row.id)
      .map(({ id, filename, contentType, sizeBytes }) => ({ id, filename, contentType, sizeBytes })),
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

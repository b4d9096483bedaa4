import type { DB } from '../../db/database.js';
import { attachmentsOf, type TimelineRow } from './interactions.repo.js';

type Attachment = Awaited<ReturnType<typeof attachmentsOf>>[number];

/** One entry of a timeline, on any channel. Metadata (call outcome, office) is parsed for the client. */
export function toTimelineItem(row: TimelineRow, attachments: Attachment[] = []) {
  return {
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

import type { TimelineRow } from './interactions.repo.js';

/** One entry of a timeline, on any channel. Metadata (call outcome, office) is parsed for the client. */
export function toTimelineItem(row: TimelineRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    caseReference: row.caseReference,
    channel: row.channel,
    direction: row.direction,
    subject: row.subject,
    text: row.text,
    occurredAt: row.occurredAt,
    durationSeconds: row.durationSeconds,
    deliveryStatus: row.deliveryStatus,
    authorName: row.authorName,
    details: row.metadata ? (JSON.parse(row.metadata) as Record<string, string>) : null,
  };
}
export type TimelineItem = ReturnType<typeof toTimelineItem>;

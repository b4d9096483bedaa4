import type { DB } from '../../db/database.js';

/** Who acts: a signed-in user, or the system itself (id null) for command-line tools and jobs. */
export interface Actor {
  id: number | null;
  ip: string | null;
}

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  ip?: string | null;
  /** Ids and field names only: the audit log must not become a second copy of personal data. */
  details?: Record<string, unknown>;
}

/** Append-only: the application never updates or deletes audit events. */
export async function insertAuditEvent(db: DB, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      occurred_at: Date.now(),
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      ip: entry.ip ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

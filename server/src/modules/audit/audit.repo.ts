import type { Insertable } from 'kysely';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import type { AuditEventsTable } from '../../db/schema.js';

/** Append-only: the application never updates or deletes audit events. Returns the new event's id. */
export const insertAudit = compiledQuery((db, event: Insertable<AuditEventsTable>) =>
  db.insertInto('audit_events').values(event).returning('id'),
);

/** The citizens an event touched (`audit-subjects.ts`), written with it. */
export async function insertAuditCitizens(db: DB, auditEventId: number, citizenIds: number[]): Promise<void> {
  if (citizenIds.length === 0) return;
  await db
    .insertInto('audit_event_citizens')
    .values(citizenIds.map((citizenId) => ({ citizen_id: citizenId, audit_event_id: auditEventId })))
    .execute();
}

/** What the admin's viewer filters by; `start`/`end` are a half-open range of instants. */
export interface AuditEventFilter {
  actorId?: number;
  /** Events that touched this citizen's data. */
  citizenId?: number;
  /** Lower-case start of the action: "case." or "citizen.viewed". */
  actionPrefix?: string;
  entityType?: string;
  entityId?: string;
  start?: number;
  end?: number;
}

/** Audit events with their actor's name and email, newest (highest id) first, before the id `before` if given. */
export async function selectAuditEvents(db: DB, filter: AuditEventFilter, page: { before?: number; limit: number }) {
  let query = db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .select([
      'audit_events.id',
      'audit_events.occurred_at',
      'audit_events.actor_id',
      'users.display_name as actor_name',
      'users.email as actor_email',
      'audit_events.action',
      'audit_events.entity_type',
      'audit_events.entity_id',
      'audit_events.ip',
      'audit_events.details',
    ]);
  if (filter.citizenId !== undefined) {
    // Driven by the (citizen, event) key: that person's events, newest first, without reading the whole log.
    const citizenId = filter.citizenId;
    query = query.innerJoin('audit_event_citizens as concerned', (join) =>
      join.onRef('concerned.audit_event_id', '=', 'audit_events.id').on('concerned.citizen_id', '=', citizenId),
    );
  }
  if (filter.actorId !== undefined) query = query.where('audit_events.actor_id', '=', filter.actorId);
  if (filter.actionPrefix !== undefined) {
    // substr rather than LIKE: no wildcards to escape, and the same case-sensitivity on both dialects.
    query = query.where(
      (eb) => eb.fn('substr', ['audit_events.action', eb.val(1), eb.val(filter.actionPrefix!.length)]),
      '=',
      filter.actionPrefix,
    );
  }
  if (filter.entityType !== undefined) query = query.where('audit_events.entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) query = query.where('audit_events.entity_id', '=', filter.entityId);
  if (filter.start !== undefined) query = query.where('audit_events.occurred_at', '>=', filter.start);
  if (filter.end !== undefined) query = query.where('audit_events.occurred_at', '<', filter.end);
  if (page.before !== undefined) query = query.where('audit_events.id', '<', page.before);
  return query.orderBy('audit_events.id', 'desc').limit(page.limit).execute();
}

import type { Insertable } from 'kysely';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import type { AuditEventsTable } from '../../db/schema.js';
import { AUDIT_CATALOGUE, type AuditAction, type AuditDetails, parseAuditDetails } from '@anliegen/shared';

/** Who acts: a signed-in user, or the system itself (id null) for command-line tools and jobs. */
export interface Actor {
  id: number | null;
  ip: string | null;
}

/** No signed-in person and no address to record: the desk itself receiving mail, a citizen's web form, the CLI. */
export const NO_ACTOR: Actor = { id: null, ip: null };

/** What one audit event says beyond its action: the entity it is about, and the action's details. */
export type AuditRecord<A extends AuditAction> = { entityId?: string | number | null } & DetailsOf<A>;
// Details optional when no key is required. `Record<never, never>` (not `object`): an empty strict schema takes
// `{ [k: string]: never }`, which `object` does not extend.
type DetailsOf<A extends AuditAction> =
  Record<never, never> extends AuditDetails<A> ? { details?: AuditDetails<A> } : { details: AuditDetails<A> };

const insertAudit = compiledQuery((db, event: Insertable<AuditEventsTable>) => db.insertInto('audit_events').values(event));

/**
 * The one writer of the audit log (append-only: the application never updates or deletes events). The details are
 * checked against the action's schema in the catalogue, so nothing but ids, counts and fixed values gets in.
 */
export async function recordAudit<A extends AuditAction>(db: DB, actor: Actor, action: A, record: AuditRecord<A>): Promise<void> {
  const details = record.details === undefined ? undefined : parseAuditDetails(action, record.details);
  await insertAudit(db, {
    occurred_at: Date.now(),
    actor_id: actor.id,
    action,
    entity_type: AUDIT_CATALOGUE[action].entity,
    entity_id: record.entityId == null ? null : String(record.entityId),
    ip: actor.ip,
    // The writer's own object, not the parsed one: the same keys in the same order as the caller wrote them.
    details: details === undefined ? null : JSON.stringify(record.details),
  });
}

/** What the admin's viewer filters by; `start`/`end` are a half-open range of instants. */
export interface AuditEventFilter {
  actorId?: number;
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

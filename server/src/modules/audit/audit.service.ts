import {
  AUDIT_CATALOGUE,
  type AuditAction,
  type AuditDetails,
  type AuditFilterInput,
  parseAuditDetails,
  berlinDateTimeText,
  berlinDayRange,
  type auditListInput,
  type Locale,
  MAX_AUDIT_EXPORT_ROWS,
  toCsv,
  UTF8_BOM,
} from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { auditExportTexts } from './audit-export.texts.js';
import { namesFor } from './audit-names.js';
import { citizensConcerned } from './audit-subjects.js';
import { type AuditEventFilter, insertAudit, insertAuditCitizens, selectAuditEvents } from './audit.repo.js';

/** What one audit event says beyond its action: the entity it is about, and the action's details. */
export type AuditRecord<A extends AuditAction> = { entityId?: string | number | null } & DetailsOf<A>;
// Details optional when no key is required. `Record<never, never>` (not `object`): an empty strict schema takes
// `{ [k: string]: never }`, which `object` does not extend.
type DetailsOf<A extends AuditAction> =
  Record<never, never> extends AuditDetails<A> ? { details?: AuditDetails<A> } : { details: AuditDetails<A> };

/**
 * The one writer of the audit log (append-only: the application never updates or deletes events). The details are
 * checked against the action's schema in the catalogue, so nothing but ids, counts and fixed values gets in.
 */
export async function recordAudit<A extends AuditAction>(db: DB, actor: Actor, action: A, record: AuditRecord<A>): Promise<void> {
  const details = record.details === undefined ? undefined : parseAuditDetails(action, record.details);
  const entityId = record.entityId == null ? null : String(record.entityId);
  const [event] = await insertAudit(db, {
    occurred_at: Date.now(),
    actor_id: actor.id,
    action,
    entity_type: AUDIT_CATALOGUE[action].entity,
    entity_id: entityId,
    ip: actor.ip,
    // The writer's own object, not the parsed one: the same keys in the same order as the caller wrote them.
    details: details === undefined ? null : JSON.stringify(record.details),
  });
  const concerned = await citizensConcerned(db, action, entityId, details as Record<string, unknown> | undefined);
  await insertAuditCitizens(db, event!.id, concerned);
}

function toFilter(input: AuditFilterInput): AuditEventFilter {
  const { start, end } = berlinDayRange(input.from, input.to);
  return {
    actorId: input.actorId,
    citizenId: input.citizenId,
    actionPrefix: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    start,
    end,
  };
}

function toDto(row: Awaited<ReturnType<typeof selectAuditEvents>>[number]) {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: row.actor_id === null ? null : { id: row.actor_id, displayName: row.actor_name, email: row.actor_email },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    ip: row.ip,
    details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
  };
}

/** One page of the audit log, newest first, paged by id (keyset), with the names its ids stand for. */
export async function listAuditEvents(db: DB, input: z.output<typeof auditListInput>) {
  const rows = await selectAuditEvents(db, toFilter(input), { before: input.cursor ?? undefined, limit: input.limit + 1 });
  const items = rows.slice(0, input.limit).map(toDto);
  const last = items[items.length - 1];
  return { items, names: await namesFor(db, items), nextCursor: rows.length > input.limit && last ? last.id : null };
}

const CSV_HEADERS = (locale: Locale) => auditExportTexts[locale].headers;

/**
 * The filtered audit log as CSV text (newest first, at most MAX_AUDIT_EXPORT_ROWS rows): in German with `;` as
 * separator, in English with `,`; UTF-8 with a byte order mark so spreadsheet programs read umlauts. The export
 * itself is recorded: the log names staff and their addresses.
 */
export async function exportAuditEvents(
  db: DB,
  actor: { id: number; ip: string | null },
  locale: Locale,
  input: AuditFilterInput,
) {
  const rows = await selectAuditEvents(db, toFilter(input), { limit: MAX_AUDIT_EXPORT_ROWS + 1 });
  const truncated = rows.length > MAX_AUDIT_EXPORT_ROWS;
  const lines = rows
    .slice(0, MAX_AUDIT_EXPORT_ROWS)
    .map((row) => [
      berlinDateTimeText(row.occurred_at),
      row.actor_id,
      row.actor_name,
      row.actor_email,
      row.action,
      row.entity_type,
      row.entity_id,
      row.ip,
      row.details,
    ]);
  const count = lines.length;
  await recordAudit(db, actor, 'audit.exported', { details: { rows: count, truncated, filter: { ...input } } });
  return { csv: UTF8_BOM + toCsv(CSV_HEADERS(locale), lines, locale), rows: count, truncated };
}

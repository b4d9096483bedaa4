import { AUDIT_CATALOGUE, AUDIT_DETAIL_REFERENCES, type AuditAction } from '@anliegen/shared';
import type { DB } from '../../db/database.js';

const asId = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null);

/**
 * The citizens whose data an audit event touched, for "who looked at this person's data?": the citizen it is about,
 * the citizens its details name, and the citizen of the case, message or attachment it is about (as that record is
 * at the time of the event). The same facts the migration 20261208040000_audit_citizens filled in for older events.
 */
export async function citizensConcerned(
  db: DB,
  action: AuditAction,
  entityId: string | null,
  details: Record<string, unknown> | undefined,
): Promise<number[]> {
  const ids = new Set<number>();
  // The details keys that name citizens: one (`citizenId`, a merged-away `mergedId` …) or a list (`citizenIds`).
  for (const key of AUDIT_DETAIL_REFERENCES.citizen) {
    const value = details?.[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      const id = asId(item);
      if (id !== null) ids.add(id);
    }
  }
  const entity = AUDIT_CATALOGUE[action].entity;
  const entityNumber = entityId !== null && /^\d{1,9}$/.test(entityId) ? Number(entityId) : null;
  if (entity === 'citizen' && entityNumber !== null) ids.add(entityNumber);
  // A case event that already names its citizen needs no lookup (a case view, the hottest, does).
  if (entity === 'case' && entityNumber !== null && ids.size === 0) {
    const row = await db.selectFrom('cases').select('citizen_id').where('id', '=', entityNumber).executeTakeFirst();
    if (row) ids.add(row.citizen_id);
  }
  const interactionId = entity === 'interaction' ? entityNumber : entity === 'attachment' ? asId(details?.interactionId) : null;
  if (interactionId !== null) {
    const row = await db.selectFrom('interactions').select('citizen_id').where('id', '=', interactionId).executeTakeFirst();
    if (row) ids.add(row.citizen_id);
  }
  return [...ids].sort((a, b) => a - b);
}

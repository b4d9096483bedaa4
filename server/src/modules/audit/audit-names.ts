import { AUDIT_DETAIL_REFERENCES, type AuditReferenceKind } from '@anliegen/shared';
import type { DB } from '../../db/database.js';

/** What a page of audit events names, by kind and id: case references; citizens', users', teams', topics' names. */
export type AuditNames = Record<AuditReferenceKind, Record<number, string>>;

interface EventIds {
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown> | null;
}

const KINDS = Object.keys(AUDIT_DETAIL_REFERENCES) as AuditReferenceKind[];
const isKind = (type: string): type is AuditReferenceKind => (KINDS as string[]).includes(type);
const idsIn = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter((id): id is number => typeof id === 'number' && Number.isSafeInteger(id));

const READ: Record<AuditReferenceKind, (db: DB, ids: number[]) => Promise<{ id: number; name: string }[]>> = {
  case: (db, ids) => db.selectFrom('cases').select(['id', 'reference as name']).where('id', 'in', ids).execute(),
  citizen: (db, ids) => db.selectFrom('citizens').select(['id', 'display_name as name']).where('id', 'in', ids).execute(),
  user: (db, ids) => db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids).execute(),
  team: (db, ids) => db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute(),
  category: (db, ids) => db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute(),
};

/**
 * The names a data-protection officer needs to read a page of the log: "Vorgang A-2026-000051" rather than "case 51",
 * the citizen's number with their name (the log is for admins, who may see it), users, teams and topics by name; for
 * the record an event is about and the ids in its details (shared/src/audit-references.ts). One query per kind for
 * the whole page; an id whose record is gone keeps its number.
 */
export async function namesFor(db: DB, events: EventIds[]): Promise<AuditNames> {
  const wanted = Object.fromEntries(KINDS.map((kind) => [kind, new Set<number>()])) as Record<AuditReferenceKind, Set<number>>;
  for (const event of events) {
    if (isKind(event.entityType) && event.entityId !== null && /^\d{1,9}$/.test(event.entityId)) {
      wanted[event.entityType].add(Number(event.entityId));
    }
    for (const kind of KINDS) {
      for (const key of AUDIT_DETAIL_REFERENCES[kind]) for (const id of idsIn(event.details?.[key])) wanted[kind].add(id);
    }
  }
  const names = {} as AuditNames;
  for (const kind of KINDS) {
    const ids = [...wanted[kind]];
    names[kind] = ids.length === 0 ? {} : Object.fromEntries((await READ[kind](db, ids)).map((row) => [row.id, row.name]));
  }
  return names;
}

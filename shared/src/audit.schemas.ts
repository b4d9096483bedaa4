import { z } from 'zod';
import { AUDIT_ACTIONS } from './audit-catalogue.js';
import { localeSchema } from './domain.schemas.js';
import { idSchema } from './users.schemas.js';

/** The most rows one export holds; narrow the filters for more. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;
export const MAX_AUDIT_PAGE = 200;

const isoDay = z.iso.date();

/**
 * The start of an action as the catalogue writes it: typed in any case ("slapolicy." finds "slaPolicy.created").
 * What starts no action stays as typed, lower-cased, and simply finds nothing.
 */
export function canonicalActionPrefix(prefix: string): string {
  const lower = prefix.toLowerCase();
  const action = AUDIT_ACTIONS.find((candidate) => candidate.toLowerCase().startsWith(lower));
  return action ? action.slice(0, prefix.length) : lower;
}

/**
 * What the admin's audit log viewer filters by: the acting user, the citizen concerned, the start of the action ("case." or
 * "citizen.viewed"), the entity (type, and id within it), and an inclusive range of Berlin calendar days.
 */
/** Machine words only, as the export's own audit event records the filter (`field.token` of the catalogue). */
const TOKEN = /^[\w.:-]+$/;
const token = (max: number) => z.string().trim().min(1).max(max).regex(TOKEN, { message: 'audit.token' });

const auditFilterShape = {
  actorId: idSchema.optional(),
  /** Events that touched this citizen's data ("who looked at this person's data?"). */
  citizenId: idSchema.optional(),
  action: token(100).transform(canonicalActionPrefix).optional(),
  entityType: token(50).toLowerCase().optional(),
  entityId: token(100).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
};

const rangeInOrder = (input: { from?: string; to?: string }) => !input.from || !input.to || input.from <= input.to;
const rangeMessage = { message: 'audit.rangeOrder', path: ['to'] };

export const auditFilterInput = z.object(auditFilterShape).refine(rangeInOrder, rangeMessage);
export type AuditFilterInput = z.input<typeof auditFilterInput>;

/** An export: the filters, and the language of the CSV (German: `;` as separator), by default the user's. */
export const auditExportInput = z
  .object({ ...auditFilterShape, locale: localeSchema.optional() })
  .refine(rangeInOrder, rangeMessage);
export type AuditExportInput = z.input<typeof auditExportInput>;

export const auditListInput = z
  .object({
    ...auditFilterShape,
    /** Keyset cursor: the id of the last event already shown (`nextCursor`). */
    cursor: idSchema.nullish(),
    limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
  })
  .refine(rangeInOrder, rangeMessage);
export type AuditListInput = z.input<typeof auditListInput>;

import { z } from 'zod';
import { MAX_DB_INTEGER } from './domain.js';
import { caseStatusSchema } from './domain.schemas.js';
import { BULK_MAX_CASES, MAX_TAGS_PER_CASE, normaliseTagName, TAG_COLORS, TAG_NAME_MAX } from './tags.js';
import { idSchema } from './users.schemas.js';

/** A tag's name: no quotes or commas (the search writes `tag:"zwei Wörter"`, lists separate by commas). */
export const tagNameSchema = z
  .string()
  .transform(normaliseTagName)
  .pipe(
    z
      .string()
      .min(1)
      .max(TAG_NAME_MAX)
      .regex(/^[^",]+$/, 'tag.chars'),
  );
export const tagColorSchema = z.enum(TAG_COLORS);

/** Admins: a curated tag with its colour. */
export const createTagInput = z.object({ name: tagNameSchema, color: tagColorSchema });
/** Admins: rename, recolour, or take a free tag into the curated list (`curated: true`). */
export const updateTagInput = z.object({
  id: idSchema,
  name: tagNameSchema.optional(),
  color: tagColorSchema.optional(),
  curated: z.boolean().optional(),
});
/** One tag into another (named tagId/intoTagId: sourceId/targetId name cases, see trpc/policies.test.ts). */
export const mergeTagsInput = z
  .object({ tagId: idSchema, intoTagId: idSchema })
  .refine((input) => input.tagId !== input.intoTagId, { message: 'merge.same', path: ['intoTagId'] });
export const tagIdInput = z.object({ id: idSchema });
/** Only curated tags: agents pick from the admins' list and cannot type new ones. */
export const tagSettingsInput = z.object({ onlyCurated: z.boolean() });

/** A case's tags as the agent left them (names; new ones become free tags when allowed), on the version they saw. */
export const setCaseTagsInput = z.object({
  caseId: idSchema,
  version: z.number().int().min(1).max(MAX_DB_INTEGER),
  names: z.array(tagNameSchema).max(MAX_TAGS_PER_CASE),
});

/** Cases per tag opened in an inclusive range of Berlin days (the statistics page's panel). */
export const tagStatisticsInput = z
  .object({ from: z.iso.date(), to: z.iso.date(), teamId: idSchema.optional() })
  .refine((input) => input.from <= input.to, { message: 'stats.rangeOrder', path: ['to'] });

/**
 * One action on many cases from the inbox. All or nothing: a case the agent may not touch, or one the action does
 * not fit (a follow-up date on a closed case, a merge of another citizen's case), refuses the whole action.
 */
export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: caseStatusSchema }),
  z.object({ kind: z.literal('addTag'), name: tagNameSchema }),
  z.object({ kind: z.literal('removeTag'), tagId: idSchema }),
  z.object({ kind: z.literal('assign'), assigneeId: idSchema.nullable() }),
  z.object({ kind: z.literal('team'), teamId: idSchema.nullable() }),
  z.object({ kind: z.literal('followUp'), followUpOn: z.iso.date().nullable() }),
  /** The other cases merge into this one, which must be among the selected. */
  z.object({ kind: z.literal('merge'), targetId: idSchema }),
]);
export type BulkAction = z.output<typeof bulkActionSchema>;
export const BULK_ACTION_KINDS = ['status', 'addTag', 'removeTag', 'assign', 'team', 'followUp', 'merge'] as const;

export const bulkUpdateInput = z
  .object({ ids: z.array(idSchema).min(1).max(BULK_MAX_CASES), action: bulkActionSchema })
  .refine((input) => new Set(input.ids).size === input.ids.length, { message: 'bulk.duplicate', path: ['ids'] })
  .refine((input) => input.action.kind !== 'merge' || (input.ids.includes(input.action.targetId) && input.ids.length > 1), {
    message: 'bulk.mergeTarget',
    path: ['action'],
  });
export type BulkUpdateInput = z.input<typeof bulkUpdateInput>;

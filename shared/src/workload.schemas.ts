import { z } from 'zod';
import { idSchema } from './users.schemas.js';

/** The most cases one reassignment moves: a whole absent agent's queue, in one transaction. */
export const MAX_REASSIGN = 500;

export const teamBoardInput = z.object({ teamId: idSchema });

/** Reassign one or many cases to an agent and/or another team; the reason goes into each case's timeline. */
export const reassignCasesInput = z
  .object({
    caseIds: z.array(idSchema).min(1).max(MAX_REASSIGN),
    /** The new agent; null leaves the cases unassigned (in the team's queue). */
    assigneeId: idSchema.nullable(),
    /** The new team; absent keeps each case's team. */
    teamId: idSchema.optional(),
    reason: z.string().trim().min(3).max(500),
  })
  .refine((input) => new Set(input.caseIds).size === input.caseIds.length, { message: 'reassign.duplicates', path: ['caseIds'] });

/** Marks an agent absent (or back); when absent, their open cases can move to the team's queue or to a colleague. */
export const setAbsentInput = z
  .object({
    userId: idSchema,
    absent: z.boolean(),
    /** Where the open cases go: nowhere (they stay), the team's queue (unassigned), or a colleague. */
    moveCasesTo: z.union([z.literal('keep'), z.literal('queue'), idSchema]).default('keep'),
    /** Recorded in each moved case's timeline; needed when cases move. */
    reason: z.string().trim().min(3).max(500).optional(),
  })
  .refine((input) => input.moveCasesTo === 'keep' || input.reason !== undefined, {
    message: 'reassign.reason',
    path: ['reason'],
  });

import { z } from 'zod';
import { idSchema } from './users.schemas.js';

/** An agent tells the others that they look at a case, write a reply to it, or left it. */
export const setPresenceInput = z.object({ caseId: idSchema, state: z.enum(['viewing', 'replying', 'left']) });
export const presenceInput = z.object({ caseId: idSchema });

/** Marks these notifications read, or all of them when no ids are given. */
export const markNotificationsReadInput = z.object({ ids: z.array(idSchema).max(200).optional() });

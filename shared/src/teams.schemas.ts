import { z } from 'zod';
import { idSchema } from './users.schemas.js';

const teamFields = {
  name: z.string().trim().min(2).max(80),
  /** The desk address mail for this team arrives at (optional; used by email routing). */
  emailAddress: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.union([z.literal(''), z.email().max(254)]))
    .transform((value) => value || null),
};

export const createTeamInput = z.object(teamFields);
export type CreateTeamInput = z.input<typeof createTeamInput>;

export const updateTeamInput = z.object({ id: idSchema, ...teamFields });
export type UpdateTeamInput = z.input<typeof updateTeamInput>;

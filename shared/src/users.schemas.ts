import { z } from 'zod';
import { emailSchema, newPasswordSchema } from './auth.schemas.js';
import { MAX_DB_INTEGER } from './domain.js';
import { roleSchema } from './domain.schemas.js';

export const idSchema = z.number().int().positive().max(MAX_DB_INTEGER);

const displayNameSchema = z.string().trim().min(2).max(120);
const teamIdsSchema = z.array(idSchema).max(50).default([]);

export const createUserInput = z.object({
  email: emailSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
  role: roleSchema,
  teamIds: teamIdsSchema,
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z.object({
  id: idSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  active: z.boolean(),
  teamIds: teamIdsSchema,
  /** A new password set by the admin; omitted (not empty) to keep the current one. */
  password: newPasswordSchema.optional(),
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

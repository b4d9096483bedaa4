import { z } from 'zod';
import { localeSchema } from './domain.schemas.js';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const loginInput = z.object({
  email: emailSchema,
  // Not checked against the policy: old passwords must still log in.
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof loginInput>;

/** Password policy (BSI-style length over complexity): at least 12 characters, not only one kind. */
export const newPasswordSchema = z
  .string()
  .min(12, { message: 'password.tooShort' })
  .max(256, { message: 'password.tooLong' })
  .refine((value) => new Set(value).size >= 5, { message: 'password.tooSimple' });

export const setLocaleInput = z.object({ locale: localeSchema });

/**
 * A user's own settings (the user menu's "Einstellungen"). Strict: a key it does not know (a role, another user's id)
 * is refused, not dropped. `characterShortcuts`: whether the single-character keyboard shortcuts (j, k, r, s, m, x,
 * /, ?) act; those with Ctrl always do (WCAG 2.1.4).
 */
export const userSettingsInput = z.strictObject({ characterShortcuts: z.boolean() });
export type UserSettingsInput = z.infer<typeof userSettingsInput>;

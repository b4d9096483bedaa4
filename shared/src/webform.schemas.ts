import { z } from 'zod';
import { isEmailAddress, normalisePhone } from './normalise.js';
import { MAX_DB_INTEGER } from './domain.js';

const optionalText = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((value) => value || undefined);

/**
 * The public web form as posted by a browser (all fields are strings). Messages are keys the page translates.
 * A citizen gives an email address, a phone number, or both, so the administration can answer.
 */
export const webformInput = z
  .object({
    name: z.string().trim().min(2, { message: 'webform.name' }).max(120, { message: 'webform.name' }),
    email: optionalText.pipe(z.string().refine(isEmailAddress, { message: 'webform.email' }).optional()),
    phone: optionalText.refine((value) => value === undefined || normalisePhone(value) !== null, { message: 'webform.phone' }),
    categoryId: z.coerce
      .number({ message: 'webform.category' })
      .int()
      .positive({ message: 'webform.category' })
      .max(MAX_DB_INTEGER, { message: 'webform.category' }),
    text: z.string().trim().min(10, { message: 'webform.text' }).max(10_000, { message: 'webform.textLong' }),
    consent: z.literal('yes', { message: 'webform.consent' }),
  })
  .refine((form) => form.email !== undefined || form.phone !== undefined, { message: 'webform.contact', path: ['email'] });
export type WebformInput = z.input<typeof webformInput>;

/** A citizen's answer on their status page. */
export const webformReplyInput = z.object({
  text: z.string().trim().min(2, { message: 'webform.reply' }).max(10_000, { message: 'webform.textLong' }),
});

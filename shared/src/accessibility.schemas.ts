import { z } from 'zod';
import { MAX_DB_INTEGER } from './domain.js';
import { isEmailAddress, normalisePhone } from './normalise.js';

/** A field a browser posts empty when nothing was typed: undefined then (the web form's caps its fields at 254). */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/**
 * "Barriere melden", the feedback form of the Erklärung zur Barrierefreiheit (BITV 2.0 § 7), as a browser posts it:
 * what is in the way and where; name and a way to answer only if the citizen wants (no account, may be anonymous).
 * Messages are keys the page translates.
 */
export const barrierReportInput = z.object({
  what: z.string().trim().min(10, { message: 'barrier.whatError' }).max(10_000, { message: 'webform.textLong' }),
  where: optionalText.pipe(z.string().max(500, { message: 'barrier.whereLong' }).optional()),
  name: optionalText.pipe(z.string().max(120, { message: 'barrier.nameLong' }).optional()),
  email: optionalText.pipe(z.string().refine(isEmailAddress, { message: 'webform.email' }).optional()),
  phone: optionalText.refine((value) => value === undefined || normalisePhone(value) !== null, { message: 'webform.phone' }),
});
export type BarrierReportInput = z.input<typeof barrierReportInput>;

/** The category reported barriers are filed under; null: none (the case is routed like any other). */
export const setBarrierCategoryInput = z.object({
  categoryId: z.number().int().positive().max(MAX_DB_INTEGER).nullable(),
});

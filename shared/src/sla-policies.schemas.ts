import { z } from 'zod';
import { prioritySchema } from './domain.schemas.js';
import { idSchema } from './users.schemas.js';

/** The longest target: 365 days of minutes (business minutes, so in practice far longer on the calendar). */
export const SLA_MAX_MINUTES = 365 * 24 * 60;

/** A target in business minutes; null = no target of this kind. */
const targetMinutes = z
  .number()
  .int()
  .positive({ message: 'sla.positive' })
  .max(SLA_MAX_MINUTES, { message: 'sla.tooLong' })
  .nullable();

/**
 * SLA policy: targets for the first response and the resolution, in business minutes (the team's opening hours),
 * for a priority and/or a category; null matches any. One policy per combination.
 */
const slaPolicyFields = {
  priority: prioritySchema.nullable(),
  categoryId: idSchema.nullable(),
  firstResponseMinutes: targetMinutes,
  resolutionMinutes: targetMinutes,
};

type SlaTargets = { firstResponseMinutes: number | null; resolutionMinutes: number | null };
const hasTarget = (policy: SlaTargets) => policy.firstResponseMinutes !== null || policy.resolutionMinutes !== null;
const inOrder = (policy: SlaTargets) =>
  policy.firstResponseMinutes === null ||
  policy.resolutionMinutes === null ||
  policy.firstResponseMinutes <= policy.resolutionMinutes;

export const createSlaPolicyInput = z
  .object(slaPolicyFields)
  .refine(hasTarget, { message: 'sla.noTarget', path: ['firstResponseMinutes'] })
  .refine(inOrder, { message: 'sla.order', path: ['resolutionMinutes'] });
export type CreateSlaPolicyInput = z.input<typeof createSlaPolicyInput>;

export const updateSlaPolicyInput = z
  .object({ id: idSchema, ...slaPolicyFields })
  .refine(hasTarget, { message: 'sla.noTarget', path: ['firstResponseMinutes'] })
  .refine(inOrder, { message: 'sla.order', path: ['resolutionMinutes'] });
export type UpdateSlaPolicyInput = z.input<typeof updateSlaPolicyInput>;

export const removeSlaPolicyInput = z.object({ id: idSchema });

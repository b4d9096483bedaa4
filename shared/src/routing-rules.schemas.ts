import { z } from 'zod';
import { emailSchema } from './auth.schemas.js';
import { idSchema } from './users.schemas.js';

/**
 * Routing rules send a new case to a team: tried in order (position), the first that matches decides.
 * `value` is stored as text: a channel name, a receiving email address, a category id, or a keyword.
 */
export const ROUTING_RULE_KINDS = ['channel', 'address', 'category', 'keyword'] as const;
export const routingRuleKindSchema = z.enum(ROUTING_RULE_KINDS);
export type RoutingRuleKind = z.infer<typeof routingRuleKindSchema>;

/** The channels a case can arrive on (notes are written inside a case, they never open one). */
export const ROUTABLE_CHANNELS = ['email', 'webform', 'phone', 'counter'] as const;

export const KEYWORD_MIN_LENGTH = 2;
export const KEYWORD_MAX_LENGTH = 80;

const teamId = idSchema;

export const createRoutingRuleInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('channel'), value: z.enum(ROUTABLE_CHANNELS), teamId }),
  /** The address the mail was sent to (a desk or a shared mailbox). */
  z.object({ kind: z.literal('address'), value: emailSchema, teamId }),
  /** A category id, as text like every rule value. */
  z.object({
    kind: z.literal('category'),
    value: z
      .string()
      .trim()
      .regex(/^[1-9]\d{0,9}$/, { message: 'routing.category' }),
    teamId,
  }),
  /** A word or phrase in the subject or text. */
  z.object({ kind: z.literal('keyword'), value: z.string().trim().min(KEYWORD_MIN_LENGTH).max(KEYWORD_MAX_LENGTH), teamId }),
]);
export type CreateRoutingRuleInput = z.input<typeof createRoutingRuleInput>;

export const removeRoutingRuleInput = z.object({ id: idSchema });

/** Moves a rule one place earlier (up) or later (down) in the order. */
export const moveRoutingRuleInput = z.object({ id: idSchema, direction: z.enum(['up', 'down']) });
export type MoveRoutingRuleInput = z.input<typeof moveRoutingRuleInput>;

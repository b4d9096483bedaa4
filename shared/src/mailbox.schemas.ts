import { z } from 'zod';
import { parseCaseReference } from './case-reference.js';
import { isEmailAddress } from './normalise.js';
import { idSchema } from './users.schemas.js';

/**
 * The citizen's mailbox (issue 18): mail without content and status links. Messages of the public form are keys the
 * page translates (webform.texts.ts).
 */

/** The desk-wide switch (`categoryId: null`) or one category's: mail to citizens carries only reference and link. */
export const setMailWithoutContentInput = z.object({
  categoryId: idSchema.nullable(),
  enabled: z.boolean(),
});

/** A case the agent works on: whether it sends mail without content; revoking its status links. */
export const mailboxCaseInput = z.object({ caseId: idSchema });

/**
 * "Neuen Link anfordern": the case's reference and the address the citizen gave. Both only in their form here; whether
 * they belong together is never said (the page answers the same either way).
 */
export const statusLinkRenewalInput = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .max(40, { message: 'renew.reference' })
    .refine((value) => parseCaseReference(value) !== null, { message: 'renew.reference' }),
  email: z.string().trim().max(254, { message: 'renew.email' }).refine(isEmailAddress, { message: 'renew.email' }),
});

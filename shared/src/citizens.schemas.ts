import { z } from 'zod';
import { contactKindSchema } from './domain.schemas.js';
import { addressKey, isEmailAddress, normaliseEmail, normalisePhone, tidyAddress } from './normalise.js';
import { idSchema } from './users.schemas.js';

const optionalName = z
  .string()
  .trim()
  .max(120)
  .transform((value) => value || null)
  .nullable()
  .optional();

/** ISO date, not in the future; optional. */
const birthDateSchema = z
  .union([z.literal(''), z.iso.date()])
  .transform((value) => value || null)
  .refine((value) => value === null || value <= new Date().toISOString().slice(0, 10), { message: 'date.future' })
  .nullable()
  .optional();

/**
 * One contact point as typed by an agent. Validated per kind; the normalised value is what matching uses.
 * (Output: `{ kind, value, normalized }`.)
 */
export const contactPointInput = z
  .object({ kind: contactKindSchema, value: z.string().trim().min(1).max(500) })
  .transform((contact, ctx) => {
    if (contact.kind === 'email') {
      if (!isEmailAddress(contact.value)) {
        ctx.addIssue({ code: 'custom', message: 'contact.email', path: ['value'] });
        return z.NEVER;
      }
      // Shown as written (an internationalised domain stays readable); matched by its one normalised form.
      const value = contact.value.normalize('NFC').toLowerCase();
      return { kind: contact.kind, value, normalized: normaliseEmail(value) };
    }
    if (contact.kind === 'phone') {
      const e164 = normalisePhone(contact.value);
      if (!e164) {
        ctx.addIssue({ code: 'custom', message: 'contact.phone', path: ['value'] });
        return z.NEVER;
      }
      return { kind: contact.kind, value: contact.value.trim(), normalized: e164 };
    }
    const address = tidyAddress(contact.value);
    return { kind: contact.kind, value: address, normalized: addressKey(address) };
  });
export type ContactPointInput = z.input<typeof contactPointInput>;

export const createCitizenInput = z
  .object({
    givenName: optionalName,
    familyName: optionalName,
    birthDate: birthDateSchema,
    contacts: z.array(contactPointInput).max(20).default([]),
  })
  .refine((citizen) => citizen.givenName || citizen.familyName || citizen.contacts.length > 0, {
    message: 'citizen.empty',
    path: ['familyName'],
  });
export type CreateCitizenInput = z.input<typeof createCitizenInput>;

export const updateCitizenInput = z.object({
  id: idSchema,
  givenName: optionalName,
  familyName: optionalName,
  birthDate: birthDateSchema,
  /** Confirms an automatically created citizen as a known person. */
  verified: z.boolean().optional(),
});
export type UpdateCitizenInput = z.input<typeof updateCitizenInput>;

export const addContactPointInput = z.object({ citizenId: idSchema, contact: contactPointInput });
export const removeContactPointInput = z.object({ citizenId: idSchema, contactPointId: idSchema });

/** Free text from an agent's lookup box: an email, a phone number in any format, or (part of) a name. */
export const citizenLookupInput = z.object({
  query: z.string().trim().min(2).max(200),
  limit: z.number().int().min(1).max(50).default(20),
});

export const mergeCitizensInput = z
  .object({ survivorId: idSchema, mergedId: idSchema })
  .refine((input) => input.survivorId !== input.mergedId, { message: 'merge.same', path: ['mergedId'] });

export const citizenTimelineInput = z.object({
  citizenId: idSchema,
  channels: z
    .array(z.enum(['email', 'webform', 'phone', 'counter', 'note']))
    .max(5)
    .optional(),
  /** Keyset cursor: the `occurredAt`/`id` of the last item already shown (from `nextCursor`). */
  cursor: z.object({ occurredAt: z.number().int(), id: idSchema }).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

import { z } from 'zod';
import { CASE_SORTS, CASE_VIEWS, DUE_FILTERS, MAX_DB_INTEGER } from './domain.js';
import { caseStatusSchema, channelSchema, prioritySchema } from './domain.schemas.js';
import { proposeSubject, SUBJECT_LENGTH } from './subject-proposal.js';
import { idSchema } from './users.schemas.js';
import { copyRecipientsSchema, MAX_REPLY_ATTACHMENTS, REPLY_THEN_STATUSES } from './mail-replies.js';

export const subjectSchema = z.string().trim().min(SUBJECT_LENGTH.min).max(SUBJECT_LENGTH.max);
/** Message and note text: generous, but bounded (a pasted letter fits, a pasted database does not). */
export const messageTextSchema = z.string().trim().min(1).max(50_000);

/** How long a call or visit took, in seconds (at most a day); absent when nobody noted it. */
export const durationSecondsSchema = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600)
  .nullable()
  .optional();

/** The channels a person can use to reach the administration (a note is internal). */
export const contactChannelSchema = z.enum(['email', 'webform', 'phone', 'counter']);

export const createCaseInput = z.object({
  citizenId: idSchema,
  subject: subjectSchema,
  categoryId: idSchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
  priority: prioritySchema.default('normal'),
  /** How the citizen got in touch; the first message is recorded on this channel. */
  channel: contactChannelSchema,
  text: messageTextSchema,
  durationSeconds: durationSecondsSchema,
});
export type CreateCaseInput = z.input<typeof createCaseInput>;

/** Every edit names the version it was based on; a newer version on the server means someone else saved first. */
export const updateCaseInput = z.object({
  id: idSchema,
  version: z.number().int().min(1).max(MAX_DB_INTEGER),
  subject: subjectSchema.optional(),
  status: caseStatusSchema.optional(),
  priority: prioritySchema.optional(),
  categoryId: idSchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
  assigneeId: idSchema.nullable().optional(),
  /**
   * A follow-up date (Wiedervorlage) as a Berlin calendar day, "2027-01-15": the case leaves the inbox's views until
   * that day begins; null clears it. The server checks the day against its clock (followUpDayProblem).
   */
  followUpOn: z.iso.date().nullable().optional(),
});
export type UpdateCaseInput = z.input<typeof updateCaseInput>;

/**
 * Something an agent adds to a case: a reply to the citizen (email), an internal note, or a record of a phone
 * call or counter visit (inbound or outbound).
 */
export const addInteractionInput = z.object({
  caseId: idSchema,
  kind: z.enum(['reply', 'note', 'phone', 'counter']),
  text: messageTextSchema,
  durationSeconds: durationSecondsSchema,
  /** For phone/counter: did the citizen contact us (inbound) or we them (outbound)? */
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  /** Replies only: copies to these addresses (CC, shown to the citizen; BCC, not). */
  cc: copyRecipientsSchema,
  bcc: copyRecipientsSchema,
  /** The acting user's uploads (`POST /uploads`) to attach. */
  uploadIds: z.array(idSchema).max(MAX_REPLY_ATTACHMENTS).default([]),
  /** "Senden und Status setzen": the case's status afterwards, in the same unit of work. */
  thenStatus: z.enum(REPLY_THEN_STATUSES).optional(),
});
export type AddInteractionInput = z.input<typeof addInteractionInput>;

export const linkCasesInput = z
  .object({ caseId: idSchema, relatedCaseId: idSchema })
  .refine((input) => input.caseId !== input.relatedCaseId, { message: 'link.same', path: ['relatedCaseId'] });

export const mergeCasesInput = z
  .object({ sourceId: idSchema, targetId: idSchema })
  .refine((input) => input.sourceId !== input.targetId, { message: 'merge.same', path: ['targetId'] });

/** The inbox: a view, filters and a sort, all kept in the URL; pages by keyset cursor. */
export const caseListInput = z.object({
  view: z.enum(CASE_VIEWS).default('mine'),
  status: caseStatusSchema.optional(),
  channel: channelSchema.optional(),
  teamId: idSchema.optional(),
  priority: prioritySchema.optional(),
  categoryId: idSchema.optional(),
  /** Cases with this tag (issue 16). */
  tagId: idSchema.optional(),
  /** Open cases past their next SLA target, or reaching it within SOON_DUE_HOURS. */
  due: z.enum(DUE_FILTERS).optional(),
  sort: z.enum(CASE_SORTS).default('updated'),
  /** Named `order`, not `direction`: tRPC's infinite queries add a `direction` of their own. */
  order: z.enum(['asc', 'desc']).default('desc'),
  /** From the previous page's `nextCursor`; null or absent for the first page. */
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type CaseListInput = z.input<typeof caseListInput>;

export const caseByReferenceInput = z.object({ reference: z.string().trim().min(1).max(40) });
export const caseIdInput = z.object({ id: idSchema });

/** Send a reply again after its delivery failed. */
export const retryDeliveryInput = z.object({ interactionId: idSchema });

/** One message of a case: add its sender's address to the case's citizen, or split it into a new case. */
export const interactionActionInput = z.object({ interactionId: idSchema });

/**
 * "In neuen Vorgang verschieben": one message of a case (a citizen's message or an internal note, with its attachments)
 * becomes a new case of its own, with the subject, team and category the agent confirmed. `caseVersion` is the case's
 * version the agent saw: a change meanwhile is a conflict.
 */
export const splitMessageInput = z.object({
  interactionId: idSchema,
  caseVersion: z.number().int().min(1).max(MAX_DB_INTEGER),
  subject: subjectSchema,
  teamId: idSchema.nullable(),
  categoryId: idSchema.nullable(),
});
export type SplitMessageInput = z.input<typeof splitMessageInput>;

export const CALL_OUTCOMES = ['answered', 'callback', 'forwarded', 'appointment'] as const;

/**
 * Quick capture of a call or a counter visit: the citizen (picked, or found by the caller's number, or new),
 * the case (an open one to attach to, or a new one), what was said, how long, and how it ended. A new case without
 * a subject gets one proposed from the note or its topic (`proposeSubject`): only when neither makes one is a
 * subject required.
 */
export const recordContactInput = z
  .object({
    channel: z.enum(['phone', 'counter']),
    citizenId: idSchema.optional(),
    phone: z.string().trim().max(50).optional(),
    name: z.string().trim().max(120).optional(),
    caseId: idSchema.optional(),
    subject: subjectSchema.optional(),
    categoryId: idSchema.nullable().optional(),
    text: messageTextSchema,
    durationSeconds: durationSecondsSchema,
    outcome: z.enum(CALL_OUTCOMES).optional(),
    /** For counter visits: which office. */
    location: z.string().trim().max(120).optional(),
  })
  .refine(
    (input) =>
      input.caseId !== undefined ||
      input.subject !== undefined ||
      input.categoryId != null ||
      (typeof input.text === 'string' && proposeSubject(input.text) !== null),
    {
      message: 'contact.subjectOrCase',
      path: ['subject'],
    },
  )
  .refine((input) => input.citizenId !== undefined || Boolean(input.phone) || Boolean(input.name), {
    message: 'contact.whoCalled',
    path: ['phone'],
  });
export type RecordContactInput = z.input<typeof recordContactInput>;

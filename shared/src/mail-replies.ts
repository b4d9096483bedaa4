import { z } from 'zod';
import { idSchema } from './users.schemas.js';

/**
 * Complete email replies (issue 16): attachments, CC and BCC, forwarding to another office, team signatures.
 * One definition for client and server.
 */

/** Files on one reply or note; a mail client offers about as many, and a relay refuses much more. */
export const MAX_REPLY_ATTACHMENTS = 20;
/** CC and BCC addresses on one reply, each: enough for the offices involved, too few for a mailing. */
export const MAX_COPY_RECIPIENTS = 10;
/** Uploads a user may have waiting (not yet sent) at once. */
export const MAX_PENDING_UPLOADS = 3 * MAX_REPLY_ATTACHMENTS;
/** How long an upload that was never sent is kept before the cleanup job deletes it. */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000;

/**
 * The attachments of one outgoing mail may together be this large, so that the whole mail (Base64 makes files about
 * 37 % larger) stays within `mailMaxBytes`, the limit the desk itself accepts for incoming mail (MAIL_MAX_BYTES).
 */
export function attachmentBytesLimit(mailMaxBytes: number): number {
  return Math.floor(mailMaxBytes * 0.7);
}

/** One address, as typed into a CC or BCC field or a forward's recipient: no display name, no list. */
export const mailAddressSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** CC or BCC addresses; the same address twice is kept once. */
export const copyRecipientsSchema = z
  .array(mailAddressSchema)
  .max(MAX_COPY_RECIPIENTS)
  .default([])
  .transform((addresses) => [...new Set(addresses)]);

/** Splits what a clerk types or pastes ("a@x.de; b@y.de, c@z.de") into addresses; empty parts are dropped. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** "Senden und Status setzen": the statuses a reply can leave the case in. */
export const REPLY_THEN_STATUSES = ['waiting_citizen', 'resolved'] as const;

/** A team's email signature (plain text with placeholders). */
export const SIGNATURE_MAX_LENGTH = 2000;
export const emailSignatureSchema = z
  .string()
  .max(SIGNATURE_MAX_LENGTH)
  .transform((value) => value.replace(/\s+$/, ''))
  .transform((value) => (value.trim() ? value : null));

/**
 * Placeholders of a team signature, filled when a reply is sent: {Name} the sending caseworker, {Team} the case's
 * team, {Team-E-Mail} its address, {Aktenzeichen} the case reference, {Betreff} the case subject. Unknown ones stay
 * as they are written.
 */
export const SIGNATURE_PLACEHOLDERS = ['Name', 'Team', 'Team-E-Mail', 'Aktenzeichen', 'Betreff'] as const;
export type SignaturePlaceholder = (typeof SIGNATURE_PLACEHOLDERS)[number];

export function renderSignature(template: string, values: Partial<Record<SignaturePlaceholder, string | null>>): string {
  return template.replace(/\{([A-Za-z-]+)\}/g, (whole, name: string) => {
    const key = SIGNATURE_PLACEHOLDERS.find((placeholder) => placeholder.toLowerCase() === name.toLowerCase());
    if (!key) return whole;
    return values[key] ?? '';
  });
}

/** The usual separator of a signature ("-- " on a line of its own): mail clients grey out or fold what follows. */
export const SIGNATURE_SEPARATOR = '-- ';

/** The reply text as it is sent: the agent's text, then the rendered signature (if the team has one). */
export function withSignature(text: string, signature: string | null): string {
  return signature ? `${text}\n\n${SIGNATURE_SEPARATOR}\n${signature}` : text;
}

/** A covering note on a forward: optional, bounded like a message. */
const forwardNoteSchema = z.string().trim().max(50_000).default('');

/** Forwards a whole case (its contacts with the citizen, no internal notes) to another office. */
export const forwardCaseInput = z.object({ caseId: idSchema, to: mailAddressSchema, note: forwardNoteSchema });
export type ForwardCaseInput = z.input<typeof forwardCaseInput>;

/** Forwards one message of a case (with its attachments) to another office. */
export const forwardMessageInput = z.object({ interactionId: idSchema, to: mailAddressSchema, note: forwardNoteSchema });
export type ForwardMessageInput = z.input<typeof forwardMessageInput>;

/** What the upload endpoint (`POST /uploads`) answers. */
export interface UploadedFile {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

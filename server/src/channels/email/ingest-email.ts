import { createHash } from 'node:crypto';
import { normaliseEmail, parseCaseReference } from '@anliegen/shared';
import type { ParsedMail } from './parse-mail.js';
import type { DB } from '../../db/database.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { resolveCaseById } from '../../modules/cases/cases.service.js';
import {
  type InboundContact,
  type IntakeResult,
  storeInboundContact,
  storedBefore,
} from '../../modules/intake/intake.service.js';
import { storeAttachment } from '../../storage/attachment-store.js';
import { confirmReceipt } from '../webform/status-link.js';
import { type MachineKind, machineKind } from './automatic-mail.js';
import { type MailSender, senderOf } from './mail-sender.js';
import { emailTexts } from './email.texts.js';
import { markUndeliverable } from './outbound-mail.service.js';
import { sanitizeMailHtml } from '../../modules/cases/sanitize-mail-html.js';
import { NO_ACTOR } from '../../domain/actor.js';

export type IngestResult = { status: 'stored' } & IntakeResult;

const REFERENCE_IN_SUBJECT = /\[(A-\d{4}-\d{6,})\]/;

/**
 * The case a reply belongs to: by In-Reply-To/References to any stored mail, else by "[A-2026-000123]" in the
 * subject; a merged case leads to the case it was merged into. Never an anonymised case (its personal data is gone
 * for good; the citizen's new message opens a new case instead), and neither the reference nor an old Message-ID
 * reopens one.
 */
async function threadedCaseId(db: DB, mail: ParsedMail): Promise<number | null> {
  const references = [
    mail.inReplyTo,
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ]
    .filter((id): id is string => Boolean(id))
    .slice(-50);
  let caseId: number | null = null;
  if (references.length > 0) {
    const match = await db
      .selectFrom('interactions')
      .select('case_id')
      .where('external_message_id', 'in', references)
      .orderBy('occurred_at', 'desc')
      .executeTakeFirst();
    caseId = match?.case_id ?? null;
  }
  const reference = REFERENCE_IN_SUBJECT.exec(mail.subject ?? '')?.[1];
  if (caseId === null && reference && parseCaseReference(reference)) {
    const byReference = await db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirst();
    caseId = byReference?.id ?? null;
  }
  return caseId === null ? null : openThread(db, caseId);
}

/** Our own outgoing Message-IDs (outbound-mail.service): a delivery report quotes the one that failed. */
const OWN_MESSAGE_ID = /<(anliegen\.(\d{1,15})\.[0-9a-f]{12}@[^>\s]+)>/g;

/**
 * The outgoing mail a delivery report is about: a report quotes the original's headers (RFC 3464), and the first of
 * our Message-IDs in it that we really sent names the interaction and so the case.
 */
async function bouncedMail(db: DB, raw: Buffer | null): Promise<{ id: number; caseId: number } | null> {
  if (!raw) return null;
  for (const match of raw.toString('latin1').matchAll(OWN_MESSAGE_ID)) {
    const row = await db
      .selectFrom('interactions')
      .select(['id', 'case_id'])
      .where('external_message_id', '=', `<${match[1]}>`)
      .where('direction', '=', 'outbound')
      .executeTakeFirst();
    if (row) return { id: row.id, caseId: row.case_id };
  }
  return null;
}

/** The case a thread continues in (merges followed), or null when that case is anonymised. */
async function openThread(db: DB, caseId: number): Promise<number | null> {
  const { row } = await resolveCaseById(db, caseId);
  return row.anonymised_at === null ? row.id : null;
}

/**
 * Whether a mail threaded onto a case comes from an office the case was forwarded to (issue 16): its sender is the
 * recipient of one of the case's forwards and not one of the case citizen's own addresses (someone who forwarded to
 * the citizen and hears back from them hears from the citizen).
 */
async function isExternalParty(db: DB, caseId: number, sender: string | null): Promise<boolean> {
  const address = sender ? normaliseEmail(sender) : null;
  if (!address) return false;
  const forwards = await db
    .selectFrom('interactions')
    .select('metadata')
    .where('case_id', '=', caseId)
    .where('direction', '=', 'outbound')
    .where('channel', '=', 'email')
    .where('metadata', 'like', '%"forward"%')
    .execute();
  const forwardedTo = forwards.some((row) => {
    const fields = JSON.parse(row.metadata ?? '{}') as { to?: string; forward?: unknown };
    return fields.forward !== undefined && fields.to === address;
  });
  if (!forwardedTo) return false;
  const own = await db
    .selectFrom('contact_points')
    .innerJoin('cases', 'cases.citizen_id', 'contact_points.citizen_id')
    .select('contact_points.id')
    .where('cases.id', '=', caseId)
    .where('contact_points.kind', '=', 'email')
    .where('contact_points.normalized', '=', address)
    .executeTakeFirst();
  return own === undefined;
}

async function teamForRecipients(db: DB, recipients: string[]): Promise<number | null> {
  if (recipients.length === 0) return null;
  const team = await db
    .selectFrom('teams')
    .select('id')
    .where('email_address', 'in', recipients)
    .orderBy('id')
    .executeTakeFirst();
  return team?.id ?? null;
}

/** A stable id for mail that arrived without a Message-ID, so a redelivery is still recognised. */
function fallbackMessageId(contentHash: string): string {
  return `<sha256.${contentHash.slice(0, 32)}@anliegen.invalid>`;
}

/**
 * What a mail says, independent of the way it travelled (Received and other trace headers differ between two
 * deliveries of the same message): the same message delivered twice has the same hash, a different message that
 * reuses a Message-ID has another.
 */
function contentHashOf(mail: ParsedMail, sender: MailSender, attachmentHashes: string[]): string {
  const fingerprint = JSON.stringify([
    sender.address,
    mail.date?.toISOString() ?? null,
    mail.subject ?? null,
    mail.text ?? null,
    typeof mail.html === 'string' ? mail.html : null,
    attachmentHashes,
  ]);
  return createHash('sha256').update(fingerprint).digest('hex');
}

/** A mail that passed loop protection, its attachments already in the store: ready for the intake transaction. */
export interface PreparedMail {
  mail: ParsedMail;
  recipients: string[];
  contact: InboundContact;
  /** Mail no person wrote (MachineKind): stored, never acknowledged. */
  machine: MachineKind | null;
  /** The original source, for finding the outgoing mail a delivery report is about. */
  raw: Buffer | null;
}

/** Where the status link in a new case's acknowledgment points. */
export interface ReceiptDeps {
  publicUrl: string;
}

export interface IngestDeps extends ReceiptDeps {
  attachmentsDir: string;
}

/** The SMTP envelope (or what a mailbox kept of it). `mailFrom` is '' for the null sender `<>`, null when unknown. */
export interface MailEnvelope {
  recipients: string[];
  mailFrom?: string | null;
}

/**
 * Attachments and the original source to the store (content-addressed files, written before any transaction), the
 * sender and the kind of sender worked out: ready for storeMails. Every mail is kept; none is dropped here.
 */
export async function prepareEmail(
  deps: Pick<IngestDeps, 'attachmentsDir'>,
  mail: ParsedMail,
  envelope: MailEnvelope,
  raw: Buffer | null = null,
): Promise<PreparedMail> {
  const machine = machineKind(mail, { nullSender: envelope.mailFrom === '' });
  const sender = senderOf(mail, envelope.mailFrom ?? null);
  const attachments = await Promise.all(
    mail.attachments.map(async (file) => ({
      // parseMail made the name safe (no paths, no control characters, never empty) and the Content-ID bare.
      filename: file.filename,
      contentType: file.contentType || 'application/octet-stream',
      sizeBytes: file.size,
      sha256: await storeAttachment(deps.attachmentsDir, file.content),
      contentId: file.cid ?? null,
    })),
  );
  const rawSha256 = raw ? await storeAttachment(deps.attachmentsDir, raw) : null;
  const contentHash = contentHashOf(
    mail,
    sender,
    attachments.map((file) => file.sha256),
  );
  const receivedAt = Date.now();
  const sentAt = mail.date?.getTime();
  const recipients = envelope.recipients.map((address) => address.toLowerCase());
  const metadata: Record<string, string> = {};
  if (sender.address) metadata.from = sender.address;
  if (sender.name) metadata.fromName = sender.name;
  if (machine) metadata.machine = machine;
  return {
    mail,
    recipients,
    machine,
    raw,
    contact: {
      channel: 'email',
      from: { email: sender.address, name: sender.name },
      recipient: recipients[0] ?? null,
      subject: (mail.subject ?? '').trim().slice(0, 200) || emailTexts.noSubject,
      text: (mail.text ?? '').trim() || (attachments.length > 0 ? emailTexts.onlyAttachments : emailTexts.empty),
      htmlSanitized: mail.html ? sanitizeMailHtml(mail.html) : null,
      // A sender's clock in the future would put the mail above everything else: never later than its arrival.
      occurredAt: sentAt && sentAt < receivedAt ? sentAt : receivedAt,
      externalMessageId: mail.messageId ?? fallbackMessageId(contentHash),
      contentHash,
      rawSha256,
      machine: machine !== null,
      authorIsSender: true,
      metadata,
      attachments,
    },
  };
}

/**
 * Threading and the team by recipient address, then the intake, all in the caller's unit of work. A mail that
 * opens a new case is acknowledged to its sender with the reference and a status link, as the web form is (and as
 * other desks do): the citizen can quote the reference and follow the case without calling. Mail from machines is
 * never acknowledged; a delivery report is kept on the case of the mail that failed, and marks that mail failed.
 */
async function storeEmail(work: Work, deps: ReceiptDeps, prepared: PreparedMail): Promise<IntakeResult> {
  const trx = work.db;
  const bounced = prepared.machine === 'bounce' ? await bouncedMail(trx, prepared.raw) : null;
  const threaded = bounced ? await openThread(trx, bounced.caseId) : await threadedCaseId(trx, prepared.mail);
  if (bounced) await markUndeliverable(trx, bounced.id);
  const externalParty =
    threaded !== null && !bounced ? await isExternalParty(trx, threaded, prepared.contact.from.email ?? null) : false;
  return storeInboundContact(
    work,
    { ...prepared.contact, caseId: threaded, externalParty, teamId: await teamForRecipients(trx, prepared.recipients) },
    async (inWork, result) => {
      if (!result.createdCase || prepared.machine) return;
      await confirmReceipt(
        inWork.db,
        { publicUrl: deps.publicUrl, lang: 'de' },
        { caseId: result.caseId, citizenId: result.citizenId, email: prepared.contact.from.email ?? null },
      );
    },
  );
}

export type StoreOutcome = { ok: true; result: IngestResult } | { ok: false; error: unknown };

/**
 * One mail under a savepoint: if it fails, only its own writes are rolled back and the batch goes on; none of its
 * events reaches the subscribers.
 */
async function storeUnderSavepoint(
  work: Work,
  deps: ReceiptDeps,
  prepared: PreparedMail,
): Promise<{ stored: IntakeResult } | { error: unknown }> {
  try {
    return { stored: await work.savepoint((mailWork) => storeEmail(mailWork, deps, prepared)) };
  } catch (error) {
    const existing = await storedBefore(work.db, prepared.contact, error);
    return existing ? { stored: existing } : { error };
  }
}

/**
 * Stores prepared mails in one transaction: a group commit. Writing the log and the shared index pages once for all
 * of them is most of what a mail costs alone. Each mail runs under a savepoint, so one that fails is rolled back on
 * its own while the others commit. When the transaction itself fails (a PostgreSQL deadlock between two processes
 * storing the same mails in another order, say), each mail is tried again in its own. Never throws: every mail gets
 * its outcome, and only mails whose outcome is ok are committed.
 */
export async function storeMails(db: DB, deps: ReceiptDeps, mails: readonly PreparedMail[]): Promise<StoreOutcome[]> {
  let attempts: ({ stored: IntakeResult } | { error: unknown })[];
  try {
    attempts = await unitOfWork(db, NO_ACTOR, async (work) => {
      const done = [];
      for (const prepared of mails) done.push(await storeUnderSavepoint(work, deps, prepared));
      return done;
    });
  } catch (error) {
    if (mails.length === 1) return [{ ok: false, error }];
    const alone: StoreOutcome[] = [];
    for (const prepared of mails) alone.push(...(await storeMails(db, deps, [prepared])));
    return alone;
  }
  return attempts.map((attempt) =>
    'error' in attempt ? { ok: false, error: attempt.error } : { ok: true, result: { status: 'stored', ...attempt.stored } },
  );
}

/**
 * One parsed incoming mail into the citizen's history (the IMAP poller's way; the SMTP listener batches through
 * `createMailQueue`). Returns once it is committed.
 */
export async function ingestEmail(
  db: DB,
  deps: IngestDeps,
  mail: ParsedMail,
  envelope: MailEnvelope,
  raw: Buffer | null = null,
): Promise<IngestResult> {
  const prepared = await prepareEmail(deps, mail, envelope, raw);
  const [outcome] = await storeMails(db, deps, [prepared]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}

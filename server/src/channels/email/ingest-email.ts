import { createHash } from 'node:crypto';
import { parseCaseReference } from '@anliegen/shared';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import type { DB } from '../../db/database.js';
import { resolveCaseById } from '../../modules/cases/cases.service.js';
import {
  type InboundContact,
  type IntakeResult,
  type StoredContact,
  storeInboundContact,
  storedBefore,
} from '../../modules/intake/intake.service.js';
import { NO_ACTOR } from '../../modules/audit/audit.repo.js';
import { storeAttachment } from '../attachments/attachment-store.js';
import { confirmReceipt } from '../webform/status-link.js';
import { sanitizeMailHtml } from './sanitize-mail-html.js';

export type IgnoredMail = { status: 'ignored'; reason: 'automatic' | 'bounce' };
export type IngestResult = ({ status: 'stored' } & IntakeResult) | IgnoredMail;

const REFERENCE_IN_SUBJECT = /\[(A-\d{4}-\d{6,})\]/;

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value.toLowerCase() : value ? JSON.stringify(value).toLowerCase() : '';
}

/**
 * Mail no person wrote: auto-replies (RFC 3834 Auto-Submitted, vacation headers, bulk precedence) and delivery
 * reports. Answering them, or opening cases for them, is how mail loops start.
 */
export function automaticKind(mail: ParsedMail): 'automatic' | 'bounce' | null {
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  const contentType = header(mail, 'content-type');
  if (!from || /^(mailer-daemon|postmaster)@/.test(from) || contentType.includes('multipart/report')) return 'bounce';
  const autoSubmitted = header(mail, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return 'automatic';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'automatic';
  if (/^(bulk|junk|list|auto_reply)$/.test(header(mail, 'precedence'))) return 'automatic';
  return null;
}

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

/** The case a thread continues in (merges followed), or null when that case is anonymised. */
async function openThread(db: DB, caseId: number): Promise<number | null> {
  const { row } = await resolveCaseById(db, caseId);
  return row.anonymised_at === null ? row.id : null;
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
function fallbackMessageId(mail: ParsedMail): string {
  const fingerprint = [mail.from?.text, mail.date?.toISOString(), mail.subject, mail.text].join('\n');
  return `<sha256.${createHash('sha256').update(fingerprint).digest('hex').slice(0, 32)}@anliegen.invalid>`;
}

/** A mail that passed loop protection, its attachments already in the store: ready for the intake transaction. */
export interface PreparedMail {
  mail: ParsedMail;
  recipients: string[];
  contact: InboundContact;
}

/** Where the status link in a new case's acknowledgment points. */
export interface ReceiptDeps {
  publicUrl: string;
}

export interface IngestDeps extends ReceiptDeps {
  attachmentsDir: string;
}

/** Loop protection first, then attachments to the store (content-addressed files, written before any transaction). */
export async function prepareEmail(
  deps: Pick<IngestDeps, 'attachmentsDir'>,
  mail: ParsedMail,
  envelope: { recipients: string[] },
): Promise<PreparedMail | IgnoredMail> {
  const automatic = automaticKind(mail);
  if (automatic) return { status: 'ignored', reason: automatic };
  const sender = mail.from!.value[0]!;
  const attachments = await Promise.all(
    mail.attachments.map(async (file) => ({
      filename: file.filename ?? 'anhang',
      contentType: file.contentType || 'application/octet-stream',
      sizeBytes: file.size,
      sha256: await storeAttachment(deps.attachmentsDir, file.content),
    })),
  );
  const receivedAt = Date.now();
  const sentAt = mail.date?.getTime();
  const recipients = envelope.recipients.map((address) => address.toLowerCase());
  return {
    mail,
    recipients,
    contact: {
      channel: 'email',
      from: { email: sender.address ?? null, name: sender.name || null },
      recipient: recipients[0] ?? null,
      subject: (mail.subject ?? '').trim().slice(0, 200) || '(ohne Betreff)',
      text: (mail.text ?? '').trim() || (attachments.length > 0 ? '(nur Anhänge)' : '(leer)'),
      htmlSanitized: mail.html ? sanitizeMailHtml(mail.html) : null,
      // A sender's clock in the future would put the mail above everything else: never later than its arrival.
      occurredAt: sentAt && sentAt < receivedAt ? sentAt : receivedAt,
      externalMessageId: mail.messageId ?? fallbackMessageId(mail),
      attachments,
    },
  };
}

/**
 * Threading and the team by recipient address, then the intake, all inside the caller's transaction. A mail that
 * opens a new case is acknowledged to its sender with the reference and a status link, as the web form is (and as
 * other desks do): the citizen can quote the reference and follow the case without calling.
 */
async function storeEmail(trx: DB, deps: ReceiptDeps, prepared: PreparedMail): Promise<StoredContact> {
  return storeInboundContact(
    trx,
    NO_ACTOR,
    {
      ...prepared.contact,
      caseId: await threadedCaseId(trx, prepared.mail),
      teamId: await teamForRecipients(trx, prepared.recipients),
    },
    async (inTrx, result) => {
      if (!result.createdCase) return;
      await confirmReceipt(
        inTrx,
        { publicUrl: deps.publicUrl, lang: 'de' },
        { caseId: result.caseId, citizenId: result.citizenId, email: prepared.contact.from.email ?? null },
      );
    },
  );
}

export type StoreOutcome = { ok: true; result: IngestResult } | { ok: false; error: unknown };

/** One mail under a savepoint: if it fails, only its own writes are rolled back and the batch goes on. */
async function storeUnderSavepoint(
  trx: DB,
  deps: ReceiptDeps,
  prepared: PreparedMail,
): Promise<{ stored: StoredContact } | { error: unknown }> {
  await sql`savepoint ingest_mail`.execute(trx);
  try {
    const stored = await storeEmail(trx, deps, prepared);
    await sql`release savepoint ingest_mail`.execute(trx);
    return { stored };
  } catch (error) {
    await sql`rollback to savepoint ingest_mail`.execute(trx);
    await sql`release savepoint ingest_mail`.execute(trx);
    const existing = await storedBefore(trx, prepared.contact, error);
    return existing ? { stored: { result: existing, announce: () => {} } } : { error };
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
  let attempts: ({ stored: StoredContact } | { error: unknown })[];
  try {
    attempts = await db.transaction().execute(async (trx) => {
      const done = [];
      for (const prepared of mails) done.push(await storeUnderSavepoint(trx, deps, prepared));
      return done;
    });
  } catch (error) {
    if (mails.length === 1) return [{ ok: false, error }];
    const alone: StoreOutcome[] = [];
    for (const prepared of mails) alone.push(...(await storeMails(db, deps, [prepared])));
    return alone;
  }
  return attempts.map((attempt) => {
    if ('error' in attempt) return { ok: false, error: attempt.error };
    attempt.stored.announce(db);
    return { ok: true, result: { status: 'stored', ...attempt.stored.result } };
  });
}

/**
 * One parsed incoming mail into the citizen's history (the IMAP poller's way; the SMTP listener batches through
 * `createMailQueue`). Returns once it is committed.
 */
export async function ingestEmail(
  db: DB,
  deps: IngestDeps,
  mail: ParsedMail,
  envelope: { recipients: string[] },
): Promise<IngestResult> {
  const prepared = await prepareEmail(deps, mail, envelope);
  if ('status' in prepared) return prepared;
  const [outcome] = await storeMails(db, deps, [prepared]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}

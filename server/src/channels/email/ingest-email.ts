import { createHash } from 'node:crypto';
import { parseCaseReference } from '@anliegen/shared';
import type { ParsedMail } from 'mailparser';
import type { DB } from '../../db/database.js';
import { resolveCaseById } from '../../modules/cases/cases.service.js';
import { recordInboundContact, type IntakeResult } from '../../modules/intake/intake.service.js';
import { storeAttachment } from '../attachments/attachment-store.js';
import { sanitizeMailHtml } from './sanitize-mail-html.js';

export type IngestResult = ({ status: 'stored' } & IntakeResult) | { status: 'ignored'; reason: 'automatic' | 'bounce' };

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

/**
 * One parsed incoming mail into the citizen's history: loop protection first, then threading, team by
 * recipient address, attachments to the store, and the intake transaction. Returns once it is committed.
 */
export async function ingestEmail(
  db: DB,
  deps: { attachmentsDir: string },
  mail: ParsedMail,
  envelope: { recipients: string[] },
): Promise<IngestResult> {
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
  const result = await recordInboundContact(
    db,
    { id: null, ip: null },
    {
      channel: 'email',
      from: { email: sender.address ?? null, name: sender.name || null },
      caseId: await threadedCaseId(db, mail),
      teamId: await teamForRecipients(
        db,
        envelope.recipients.map((address) => address.toLowerCase()),
      ),
      recipient: envelope.recipients[0]?.toLowerCase() ?? null,
      subject: (mail.subject ?? '').trim().slice(0, 200) || '(ohne Betreff)',
      text: (mail.text ?? '').trim() || (attachments.length > 0 ? '(nur Anhänge)' : '(leer)'),
      htmlSanitized: mail.html ? sanitizeMailHtml(mail.html) : null,
      // A sender's clock in the future would put the mail above everything else: never later than its arrival.
      occurredAt: sentAt && sentAt < receivedAt ? sentAt : receivedAt,
      externalMessageId: mail.messageId ?? fallbackMessageId(mail),
      attachments,
    },
  );
  return { status: 'stored', ...result };
}

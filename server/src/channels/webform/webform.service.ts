import { shortenAtWord, type webformInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { recordInboundContact } from '../../modules/intake/intake.service.js';
import { confirmReceipt, tokenHash } from './status-link.js';
import { filesOfMessages } from './conversation.service.js';
import { storedTexts, type WebformLang } from './webform.texts.js';
import type { SpentFormToken } from './webform.guard.js';
import { isFormTokenUsed, spendFormToken } from './used-form-tokens.repo.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { NO_ACTOR } from '../../domain/actor.js';

type Submission = z.output<typeof webformInput>;
/** How much of the message's first line names the case, after its topic (within subjectSchema's 200 characters). */
const FIRST_LINE_CHARS = 80;
export interface StoredFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * A citizen's web form: matched or new citizen, a new case of the chosen topic, a private status link, and (with an
 * email address) a confirmation mail (submitPublicContact). An unknown topic (a stale form) is a DomainError
 * `categories.unknown`.
 */
export async function submitWebform(
  db: DB,
  deps: { publicUrl: string; lang: WebformLang },
  submission: Submission,
  files: StoredFile[],
  formToken: SpentFormToken,
): Promise<{ token: string; mailQueued: boolean }> {
  await assertReferencesExist(db, { categoryId: submission.categoryId });
  const category = await db
    .selectFrom('categories')
    .select(['id', 'name'])
    .where('id', '=', submission.categoryId)
    .executeTakeFirstOrThrow();
  return submitPublicContact(
    db,
    deps,
    {
      from: { email: submission.email ?? null, phone: submission.phone ?? null, name: submission.name },
      subject: subjectOf(category.name, submission.text),
      text: submission.text,
      categoryId: category.id,
      attachments: files,
    },
    formToken,
  );
}

/** A subject of a label and the text's first line, shortened at a whole word (issue 16: "… Bitte um Re"). */
export function subjectOf(label: string, text: string): string {
  return `${label}: ${shortenAtWord(text.split('\n')[0]!.trimEnd(), FIRST_LINE_CHARS)}`;
}

/** What a public form (the web form, "Barriere melden") files as a new case through the one intake. */
export interface PublicContact {
  from: { email: string | null; phone: string | null; name: string | null };
  subject: string;
  text: string;
  /** Null: no category (routed by the rules like any other case). */
  categoryId: number | null;
  attachments: StoredFile[];
}

/**
 * A public form's case: matched or new citizen (unverified; without name or contact an anonymous one), a new case
 * (channel webform), a private status link, and (with an email address) a confirmation mail in the page's language:
 * all in one transaction, so a failure leaves nothing half done. The form's token is spent in the same transaction:
 * sent twice, the second fails on it (a unique violation) and stores nothing.
 */
export async function submitPublicContact(
  db: DB,
  deps: { publicUrl: string; lang: WebformLang },
  contact: PublicContact,
  formToken: SpentFormToken,
): Promise<{ token: string; mailQueued: boolean }> {
  let receipt = { token: '', mailQueued: false };
  await recordInboundContact(
    db,
    NO_ACTOR,
    {
      channel: 'webform',
      from: contact.from,
      subject: contact.subject,
      text: contact.text,
      categoryId: contact.categoryId,
      attachments: contact.attachments,
      // The language the citizen wrote in: later mail of the desk's own (the resolution mail) uses it.
      metadata: { lang: deps.lang },
    },
    async (work, result) => {
      await spendFormToken(work.db, formToken);
      receipt = await confirmReceipt(
        work.db,
        deps,
        { caseId: result.caseId, citizenId: result.citizenId, email: contact.from.email },
        formToken.statusToken,
      );
    },
  );
  return receipt;
}

/**
 * Stores a public form's submission once per form token (`store` spends it, see submitPublicContact): 'used' when the
 * token was spent before, or at the same moment by another request, which committed its case first (a unique violation).
 */
export async function storeOnce<T>(db: DB, formToken: SpentFormToken, store: () => Promise<T>): Promise<T | 'used'> {
  if (await isFormTokenUsed(db, formToken.hash)) return 'used';
  return store().catch((error: unknown) => {
    if (isUniqueViolation(error)) return 'used' as const;
    throw error;
  });
}

/**
 * The form that spent this token, sent again (a double click, a reload of the post): the case it became, when it was
 * this very text, else null. The same text is asked for, so a token seen by someone else opens nobody's status page.
 */
export async function caseOfSpentToken(db: DB, formToken: SpentFormToken, submission: { text: string }) {
  const found = await caseForToken(db, formToken.statusToken);
  return found?.entries.some((entry) => entry.fromCitizen && entry.text === submission.text) ? found : null;
}

/** What the citizen sees behind their link: the case's state and every message between them and the office. */
export async function caseForToken(db: DB, token: string) {
  const access = await db
    .selectFrom('case_access_tokens')
    .innerJoin('cases', 'cases.id', 'case_access_tokens.case_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.subject',
      'cases.status',
      'cases.created_at as createdAt',
      'cases.merged_into_id as mergedIntoId',
    ])
    .where('case_access_tokens.token_hash', '=', tokenHash(token))
    // A link an agent revoked opens nothing (its page says so and offers a new one, issue 18).
    .where('case_access_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!access) return null;
  // A merged case shows (and takes replies into) the case it was merged into.
  const current = access.mergedIntoId
    ? await db
        .selectFrom('cases')
        .select(['id', 'reference', 'subject', 'status', 'created_at as createdAt'])
        .where('id', '=', access.mergedIntoId)
        .executeTakeFirstOrThrow()
    : access;
  const rows = await db
    .selectFrom('interactions')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .select([
      'interactions.id',
      'interactions.direction',
      'interactions.text',
      'interactions.occurred_at as occurredAt',
      'interactions.metadata',
    ])
    .where('interactions.case_id', '=', current.id)
    .where('interactions.direction', '!=', 'internal')
    .where('interactions.channel', '!=', 'note')
    // What someone else wrote into the case (another address, not yet the citizen's) is not the citizen's to read.
    .whereRef('interactions.citizen_id', '=', 'cases.citizen_id')
    .orderBy('interactions.occurred_at')
    .orderBy('interactions.id')
    .execute();
  const messages = rows.map((row) => ({
    ...row,
    metadata: row.metadata
      ? (JSON.parse(row.metadata) as { automatic?: boolean; machine?: string; forward?: unknown; external?: string })
      : {},
  }));
  // Whether the case's confirmation went out by mail (the confirmation page says so only then).
  const confirmationMailed = messages.some((row) => row.direction === 'outbound' && row.metadata.automatic);
  const conversation = messages
    // Automatic confirmations and machines' mail (out-of-office notes, delivery reports) are not the conversation;
    // nor is the desk's exchange with another office (forwards and their answers, issue 16).
    .filter((row) => !row.metadata.automatic && !row.metadata.machine && !row.metadata.forward && !row.metadata.external);
  // The files of these messages are the citizen's to download (issue 18), and only these (conversation.routes.ts).
  const files = await filesOfMessages(
    db,
    conversation.map((row) => row.id),
  );
  const entries = conversation.map((row) => ({
    id: row.id,
    fromCitizen: row.direction === 'inbound',
    text: row.text,
    occurredAt: row.occurredAt,
    attachments: files.get(row.id) ?? [],
  }));
  return {
    id: current.id,
    reference: current.reference,
    subject: current.subject,
    status: current.status,
    createdAt: current.createdAt,
    entries,
    confirmationMailed,
  };
}

export async function replyViaStatusPage(db: DB, caseId: number, text: string): Promise<void> {
  await recordInboundContact(db, NO_ACTOR, {
    channel: 'webform',
    from: {},
    caseId,
    subject: storedTexts.statusPageReplySubject,
    text,
  });
}

// For the hourly clean-up job: the web form's repository stays its own.
export { deleteExpiredFormTokens } from './used-form-tokens.repo.js';

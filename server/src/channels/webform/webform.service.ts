import { shortenAtWord, type webformInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { recordInboundContact } from '../../modules/intake/intake.service.js';
import { confirmReceipt, tokenHash } from './status-link.js';
import { storedTexts, type WebformLang } from './webform.texts.js';
import type { SpentFormToken } from './webform.guard.js';
import { spendFormToken } from './used-form-tokens.repo.js';
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
 * email address) a confirmation mail: all in one transaction, so a failure leaves nothing half done. The form's token
 * is spent in the same transaction: sent twice, the second fails on it (a unique violation) and stores nothing. An
 * unknown topic (a stale form) is a DomainError `categories.unknown`.
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
  let receipt = { token: '', mailQueued: false };
  // The subject is the topic and the first line, shortened at a whole word (issue 16: "… Bitte um Re").
  const firstLine = shortenAtWord(submission.text.split('\n')[0]!.trimEnd(), FIRST_LINE_CHARS);
  await recordInboundContact(
    db,
    NO_ACTOR,
    {
      channel: 'webform',
      from: { email: submission.email ?? null, phone: submission.phone ?? null, name: submission.name },
      subject: `${category.name}: ${firstLine}`,
      text: submission.text,
      categoryId: category.id,
      attachments: files,
    },
    async (work, result) => {
      await spendFormToken(work.db, formToken);
      receipt = await confirmReceipt(
        work.db,
        deps,
        { caseId: result.caseId, citizenId: result.citizenId, email: submission.email ?? null },
        formToken.statusToken,
      );
    },
  );
  return receipt;
}

/**
 * The form that spent this token, sent again (a double click, a reload of the post): the case it became, when it was
 * this very text, else null. The same text is asked for, so a token seen by someone else opens nobody's status page.
 */
export async function caseOfSpentToken(db: DB, formToken: SpentFormToken, submission: Submission) {
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
    .select(['interactions.direction', 'interactions.text', 'interactions.occurred_at as occurredAt', 'interactions.metadata'])
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
  const entries = messages
    // Automatic confirmations and machines' mail (out-of-office notes, delivery reports) are not the conversation;
    // nor is the desk's exchange with another office (forwards and their answers, issue 16).
    .filter((row) => !row.metadata.automatic && !row.metadata.machine && !row.metadata.forward && !row.metadata.external)
    .map((row) => ({ fromCitizen: row.direction === 'inbound', text: row.text, occurredAt: row.occurredAt }));
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

import type { FeedbackSolved, FeedbackSource } from '@anliegen/shared';
import type { Selectable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { FeedbackTable, SurveyInvitationsTable } from '../../db/schema.js';
import { tokenHash } from '../../domain/secret-token.js';

export type InvitationRow = Selectable<SurveyInvitationsTable>;
export type FeedbackRow = Selectable<FeedbackTable>;

/**
 * The invitation a link's token opens (the mail's or the latest receipt's), claimed for the rest of the transaction:
 * a no-op update takes the row's lock (PostgreSQL; SQLite has one writer), so clicks of the same mail arriving at
 * once are judged one after the other (the scanner rule in feedback.service.ts needs the previous click's result).
 */
export async function claimInvitationByToken(trx: DB, token: string): Promise<InvitationRow | undefined> {
  const hash = tokenHash(token);
  return trx
    .updateTable('survey_invitations')
    .set((eb) => ({ link_answer_at: eb.ref('link_answer_at') }))
    .where((eb) => eb.or([eb('token_hash', '=', hash), eb('receipt_token_hash', '=', hash)]))
    .returningAll()
    .executeTakeFirst();
}

/** The case's invitation, claimed like claimInvitationByToken's. */
export async function claimInvitationOfCase(trx: DB, caseId: number): Promise<InvitationRow | undefined> {
  return trx
    .updateTable('survey_invitations')
    .set((eb) => ({ link_answer_at: eb.ref('link_answer_at') }))
    .where('case_id', '=', caseId)
    .returningAll()
    .executeTakeFirst();
}

/** The invitation a token opens, read only (a page shown without recording anything). */
export function findInvitationByToken(db: DB, token: string): Promise<InvitationRow | undefined> {
  const hash = tokenHash(token);
  return db
    .selectFrom('survey_invitations')
    .selectAll()
    .where((eb) => eb.or([eb('token_hash', '=', hash), eb('receipt_token_hash', '=', hash)]))
    .executeTakeFirst();
}

export function findInvitationOfCase(db: DB, caseId: number): Promise<InvitationRow | undefined> {
  return db.selectFrom('survey_invitations').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export function findFeedback(db: DB, caseId: number): Promise<FeedbackRow | undefined> {
  return db.selectFrom('feedback').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** What a link click, or a whole answer, writes: the case's one row, made or changed. */
export interface FeedbackWrite {
  solved: FeedbackSolved;
  /** Left as they are when undefined (a link click answers only the question). */
  rating?: number | null;
  comment?: string | null;
  source: FeedbackSource;
  recordedById: number | null;
}

export async function saveFeedback(trx: DB, caseId: number, write: FeedbackWrite, now: number): Promise<void> {
  const changes = {
    solved: write.solved,
    ...(write.rating !== undefined ? { rating: write.rating } : {}),
    ...(write.comment !== undefined ? { comment: write.comment } : {}),
    source: write.source,
    recorded_by_id: write.recordedById,
    updated_at: now,
  };
  await trx
    .insertInto('feedback')
    .values({ case_id: caseId, rating: null, comment: null, ...changes, created_at: now })
    .onConflict((conflict) => conflict.column('case_id').doUpdateSet(changes))
    .execute();
  await copySurveyToCases(trx, [caseId]);
}

/** The answer as it was before a run of link clicks, to put back when the run is discarded (null: there was none). */
export interface AnswerBeforeLinks {
  since: number;
  answer: { solved: FeedbackSolved | null; source: FeedbackSource; recordedById: number | null; updatedAt: number } | null;
}

export async function setLinkRun(
  trx: DB,
  caseId: number,
  run: { answer: FeedbackSolved | 'discarded'; at: number; before: AnswerBeforeLinks | null },
): Promise<void> {
  await trx
    .updateTable('survey_invitations')
    .set({
      link_answer: run.answer,
      link_answer_at: run.at,
      answer_before_links: run.before ? JSON.stringify(run.before) : null,
    })
    .where('case_id', '=', caseId)
    .execute();
}

/** An answer that was not a link click (a form, an agent) ends the run of link clicks: the next click starts anew. */
export async function endLinkRun(trx: DB, caseId: number): Promise<void> {
  await trx
    .updateTable('survey_invitations')
    .set({ link_answer: null, link_answer_at: null, answer_before_links: null })
    .where('case_id', '=', caseId)
    .where('link_answer_at', 'is not', null)
    .execute();
}

/** Puts the answer back as it was before a run of link clicks (none: the row goes). */
export async function restoreFeedback(trx: DB, caseId: number, before: AnswerBeforeLinks['answer']): Promise<void> {
  if (before === null) {
    await trx.deleteFrom('feedback').where('case_id', '=', caseId).execute();
  } else {
    await trx
      .updateTable('feedback')
      .set({
        solved: before.solved,
        source: before.source,
        recorded_by_id: before.recordedById,
        updated_at: before.updatedAt,
      })
      .where('case_id', '=', caseId)
      .execute();
  }
  await copySurveyToCases(trx, [caseId]);
}

/**
 * Copies what the statistics count of the cases' invitation and answer onto the cases (cases.survey_invited_at,
 * feedback_at, feedback_rating, feedback_solved; see migration 20261212000000_survey_on_case), after every write of
 * either, in the same transaction. `'all'`: every case with an invitation or answer (the generated data sets).
 */
export async function copySurveyToCases(trx: DB, caseIds: readonly number[] | 'all'): Promise<void> {
  if (caseIds !== 'all' && caseIds.length === 0) return;
  await trx
    .updateTable('cases')
    .set((eb) => ({
      survey_invited_at: eb
        .selectFrom('survey_invitations')
        .select('survey_invitations.created_at')
        .whereRef('survey_invitations.case_id', '=', 'cases.id'),
      feedback_at: eb.selectFrom('feedback').select('feedback.created_at').whereRef('feedback.case_id', '=', 'cases.id'),
      feedback_rating: eb.selectFrom('feedback').select('feedback.rating').whereRef('feedback.case_id', '=', 'cases.id'),
      feedback_solved: eb.selectFrom('feedback').select('feedback.solved').whereRef('feedback.case_id', '=', 'cases.id'),
    }))
    .where((eb) =>
      caseIds === 'all'
        ? eb.or([
            eb('cases.id', 'in', eb.selectFrom('survey_invitations').select('case_id')),
            eb('cases.id', 'in', eb.selectFrom('feedback').select('case_id')),
          ])
        : eb('cases.id', 'in', caseIds),
    )
    .execute();
}

/** The unread "nein" notices of the case written since `since` (a discarded run takes back what its clicks said). */
export async function takeBackNotSolvedNotices(trx: DB, caseId: number, since: number): Promise<number[]> {
  const rows = await trx
    .deleteFrom('notifications')
    .where('case_id', '=', caseId)
    .where('kind', '=', 'feedback_not_solved')
    .where('read_at', 'is', null)
    .where('created_at', '>=', since)
    .returning('user_id')
    .execute();
  return [...new Set(rows.map((row) => row.user_id))];
}

/** Sets a new receipt link on the case's invitation (the previous receipt's QR code stops working). */
export async function setReceiptToken(trx: DB, caseId: number, token: string): Promise<void> {
  await trx
    .updateTable('survey_invitations')
    .set({ receipt_token_hash: tokenHash(token) })
    .where('case_id', '=', caseId)
    .execute();
}

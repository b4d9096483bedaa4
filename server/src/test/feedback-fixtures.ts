import type { Insertable } from 'kysely';
import type { DB } from '../db/database.js';
import type { FeedbackTable } from '../db/schema.js';
import { copySurveyToCases } from '../modules/feedback/feedback.repo.js';

/**
 * Survey rows as the citizen side writes them (issue 18), for tests that need a precise state: an invitation of a case
 * (sent at `at`) and an answer (first given at `at`), each copied to its case as the feedback module does.
 */
export async function insertTestInvitation(db: DB, caseId: number, at: number): Promise<void> {
  await db
    .insertInto('survey_invitations')
    .values({ case_id: caseId, token_hash: `test-${caseId}-${at}`, created_at: at, expires_at: at + 30 * 86_400_000 })
    .execute();
  await copySurveyToCases(db, [caseId]);
}

export async function insertTestFeedback(
  db: DB,
  caseId: number,
  at: number,
  answer: Partial<Pick<Insertable<FeedbackTable>, 'solved' | 'rating' | 'comment' | 'source'>> = {},
): Promise<void> {
  await db
    .insertInto('feedback')
    .values({
      case_id: caseId,
      solved: answer.solved ?? null,
      rating: answer.rating ?? null,
      comment: answer.comment ?? null,
      source: answer.source ?? 'email',
      recorded_by_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await copySurveyToCases(db, [caseId]);
}

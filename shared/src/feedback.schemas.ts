import { z } from 'zod';
import { FEEDBACK_COMMENT_MAX, FEEDBACK_SOLVED, SURVEY_LINK_WORDS } from './feedback.js';
import { idSchema } from './users.schemas.js';

/**
 * The survey after a case (issue 18). The public page's messages are keys that page translates (webform.texts.ts);
 * the agent's dialog takes the same values as numbers and enums.
 */

const comment = (message?: string) =>
  z
    .string()
    .trim()
    .max(FEEDBACK_COMMENT_MAX, message === undefined ? undefined : { message })
    .transform((value) => value || null);

/**
 * The public form as a browser posts it (all strings): the answer (required), a rating 1–5 (optional, '' when none is
 * chosen) and a comment (optional).
 */
export const surveyFormInput = z.object({
  solved: z.enum(FEEDBACK_SOLVED, { message: 'survey.solvedMissing' }),
  rating: z
    .enum(['', '1', '2', '3', '4', '5'], { message: 'survey.ratingInvalid' })
    .optional()
    .transform((value) => (value ? Number(value) : null)),
  comment: comment('survey.commentLong')
    .optional()
    .transform((value) => value ?? null),
});
export type SurveyFormAnswer = z.output<typeof surveyFormInput>;

/** The answer a one-click link in the resolution mail carries (`?antwort=`): the same three in German words. */
export const surveyLinkAnswer = z
  .enum(Object.values(SURVEY_LINK_WORDS) as ['ja', 'teilweise', 'nein'])
  .transform((word) => FEEDBACK_SOLVED.find((solved) => SURVEY_LINK_WORDS[solved] === word)!);

/** "Rückmeldung erfassen": what the citizen told an agent in person or on the phone. */
export const recordFeedbackInput = z.object({
  caseId: idSchema,
  solved: z.enum(FEEDBACK_SOLVED),
  rating: z.number().int().min(1).max(5).nullable(),
  comment: comment().nullable(),
});

/** The counter receipt of a case ("Quittung"). */
export const feedbackCaseInput = z.object({ caseId: idSchema });

/** The desk-wide switch (`categoryId: null`) or one category's: resolved cases ask their citizen for feedback. */
export const setSurveyEnabledInput = z.object({
  categoryId: idSchema.nullable(),
  enabled: z.boolean(),
});

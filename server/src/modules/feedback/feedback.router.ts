import { feedbackCaseInput, recordFeedbackInput, setSurveyEnabledInput } from '@anliegen/shared';
import { actorOf } from '../../domain/actor.js';
import { adminProcedure, caseworkerProcedure, router } from '../../trpc/init.js';
import { caseAccess } from '../../trpc/policies.js';
import { recordInPerson, setSurveyEnabled, surveySettings } from './feedback.service.js';
import { issueReceipt } from './receipt.service.js';

/** The survey after a case (issue 18): the counter receipt, answers told to an agent, and the admin's switches. */
export const feedbackRouter = router({
  /** "Quittung": a printable receipt with a new status link and the survey's QR code (audited: it opens the case). */
  receipt: caseworkerProcedure
    .input(feedbackCaseInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .mutation(({ ctx, input }) =>
      issueReceipt(ctx.db, actorOf(ctx), input.caseId, { publicUrl: ctx.env.publicUrl, mailFrom: ctx.env.MAIL_FROM }),
    ),
  /** "Rückmeldung erfassen": the citizen's answer given in person or on the phone. */
  record: caseworkerProcedure
    .input(recordFeedbackInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .mutation(async ({ ctx, input }) => {
      await recordInPerson(ctx.db, actorOf(ctx), input);
      return { caseId: input.caseId };
    }),
  /** The desk-wide switch and each category's (the admin's categories page). */
  settings: adminProcedure.query(({ ctx }) => surveySettings(ctx.db)),
  setEnabled: adminProcedure.input(setSurveyEnabledInput).mutation(async ({ ctx, input }) => {
    await setSurveyEnabled(ctx.db, actorOf(ctx), input);
    return { categoryId: input.categoryId };
  }),
});

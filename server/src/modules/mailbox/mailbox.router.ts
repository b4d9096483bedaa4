import { mailboxCaseInput, setMailWithoutContentInput } from '@anliegen/shared';
import { actorOf } from '../../domain/actor.js';
import { adminProcedure, caseworkerProcedure, router } from '../../trpc/init.js';
import { caseAccess } from '../../trpc/policies.js';
import { mailWithoutContent, mailWithoutContentSettings, setMailWithoutContent } from './mail-without-content.service.js';
import { revokeStatusLinks } from './status-links.service.js';

/** The citizen's mailbox (issue 18): mail without content and the status links. */
export const mailboxRouter = router({
  /** The desk-wide switch and each category's (the admin's privacy page). */
  settings: adminProcedure.query(({ ctx }) => mailWithoutContentSettings(ctx.db)),
  setMailWithoutContent: adminProcedure.input(setMailWithoutContentInput).mutation(async ({ ctx, input }) => {
    await setMailWithoutContent(ctx.db, actorOf(ctx), input);
    return { categoryId: input.categoryId };
  }),
  /** Whether this case's mail to the citizen goes without content (the reply box says so). */
  ofCase: caseworkerProcedure
    .input(mailboxCaseInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .query(async ({ ctx, input }) => ({ withoutContent: await mailWithoutContent(ctx.db, input.caseId) })),
  /** "Statuslinks widerrufen": every link of the case stops working; later mails carry new ones. */
  revokeStatusLinks: caseworkerProcedure
    .input(mailboxCaseInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .mutation(({ ctx, input }) => revokeStatusLinks(ctx.db, actorOf(ctx), input.caseId)),
});

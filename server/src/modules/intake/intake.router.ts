import { recordContactInput } from '@anliegen/shared';
import { actorOf } from '../../trpc/context.js';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { assertCaseAccess, caseAccessOf } from '../cases/case-access.js';
import { recordAgentContact } from './quick-capture.service.js';

export const intakeRouter = router({
  /** A call or counter visit captured by an agent while it happens. */
  recordContact: caseworkerProcedure.input(recordContactInput).mutation(async ({ ctx, input }) => {
    const access = caseAccessOf(ctx);
    if (input.caseId !== undefined) await assertCaseAccess(ctx.db, access, [input.caseId]);
    return recordAgentContact(ctx.db, actorOf(ctx), access, input);
  }),
});

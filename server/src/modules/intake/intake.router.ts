import { recordContactInput } from '@anliegen/shared';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { caseAccess } from '../../trpc/policies.js';
import { recordAgentContact } from './quick-capture.service.js';
import { actorOf } from '../../domain/actor.js';

export const intakeRouter = router({
  /** A call or counter visit captured by an agent while it happens (to a case they may open, when they chose one). */
  recordContact: caseworkerProcedure
    .input(recordContactInput)
    .use(caseAccess((input: { caseId?: number | undefined }) => (input.caseId !== undefined ? [input.caseId] : [])))
    .mutation(({ ctx, input }) => recordAgentContact(ctx.db, actorOf(ctx), ctx.access, input)),
});

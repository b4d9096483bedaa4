import { recordContactInput } from '@anliegen/shared';
import { actorOf } from '../../trpc/context.js';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { recordAgentContact } from './quick-capture.service.js';

export const intakeRouter = router({
  /** A call or counter visit captured by an agent while it happens. */
  recordContact: caseworkerProcedure
    .input(recordContactInput)
    .mutation(({ ctx, input }) => recordAgentContact(ctx.db, actorOf(ctx), input)),
});

import { createUserInput, updateUserInput } from '@anliegen/shared';
import { adminProcedure, caseworkerProcedure, router } from '../../trpc/init.js';
import { listAssignees } from './users.repo.js';
import { createUser, listUserDtos, updateUserAccount } from './users.service.js';
import { actorOf } from '../../domain/actor.js';

export const usersRouter = router({
  /** Who a case can be assigned to. */
  assignees: caseworkerProcedure.query(({ ctx }) => listAssignees(ctx.db)),
  list: adminProcedure.query(({ ctx }) => listUserDtos(ctx.db)),
  create: adminProcedure
    .input(createUserInput)
    .mutation(async ({ ctx, input }) => ({ id: await createUser(ctx.db, actorOf(ctx), input) })),
  update: adminProcedure.input(updateUserInput).mutation(async ({ ctx, input }) => {
    await updateUserAccount(ctx.db, actorOf(ctx), input);
    return { id: input.id };
  }),
});

import { createUserInput, updateUserInput } from '@anliegen/shared';
import { adminProcedure, router } from '../../trpc/init.js';
import { createUser, listUserDtos, updateUserAccount } from './users.service.js';

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUserDtos(ctx.db)),
  create: adminProcedure
    .input(createUserInput)
    .mutation(async ({ ctx, input }) => ({ id: await createUser(ctx.db, { id: ctx.user.id, ip: ctx.ip }, input) })),
  update: adminProcedure.input(updateUserInput).mutation(async ({ ctx, input }) => {
    await updateUserAccount(ctx.db, { id: ctx.user.id, ip: ctx.ip }, input);
    return { id: input.id };
  }),
});

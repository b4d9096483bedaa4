import { setCategoryRetentionInput } from '@anliegen/shared';
import { adminProcedure, authedProcedure, router } from '../../trpc/init.js';
import { listCategories } from './categories.repo.js';
import { setCategoryRetention } from './categories.service.js';
import { actorOf } from '../../domain/actor.js';

export const categoriesRouter = router({
  /** Topics for filters and new cases, with the team each goes to by default and its retention period. */
  list: authedProcedure.query(({ ctx }) => listCategories(ctx.db)),
  setRetention: adminProcedure.input(setCategoryRetentionInput).mutation(async ({ ctx, input }) => {
    await setCategoryRetention(ctx.db, actorOf(ctx), input);
    return { id: input.categoryId };
  }),
});

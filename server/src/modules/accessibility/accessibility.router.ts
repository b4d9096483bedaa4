import { setBarrierCategoryInput } from '@anliegen/shared';
import { actorOf } from '../../domain/actor.js';
import { adminProcedure, router } from '../../trpc/init.js';
import { barrierCategoryId, setBarrierCategory } from './barrier-category.service.js';

/** The admin's part of the Erklärung zur Barrierefreiheit: where reported barriers go. */
export const accessibilityRouter = router({
  barrierCategory: adminProcedure.query(async ({ ctx }) => ({ categoryId: await barrierCategoryId(ctx.db) })),
  setBarrierCategory: adminProcedure.input(setBarrierCategoryInput).mutation(async ({ ctx, input }) => {
    await setBarrierCategory(ctx.db, actorOf(ctx), input);
    return { categoryId: input.categoryId };
  }),
});

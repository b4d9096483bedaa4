import { createSlaPolicyInput, removeSlaPolicyInput, updateSlaPolicyInput } from '@anliegen/shared';
import { adminProcedure, router } from '../../trpc/init.js';
import { createSlaPolicy, listSlaPolicyDtos, removeSlaPolicy, updateSlaPolicyTargets } from './sla-policies.service.js';
import { actorOf } from '../../domain/actor.js';

/** Deadlines per priority and category, in business minutes: administered here, applied by modules/sla. */
export const slaPoliciesRouter = router({
  list: adminProcedure.query(({ ctx }) => listSlaPolicyDtos(ctx.db)),
  create: adminProcedure
    .input(createSlaPolicyInput)
    .mutation(async ({ ctx, input }) => ({ id: await createSlaPolicy(ctx.db, actorOf(ctx), input) })),
  update: adminProcedure.input(updateSlaPolicyInput).mutation(async ({ ctx, input }) => {
    await updateSlaPolicyTargets(ctx.db, actorOf(ctx), input);
    return { id: input.id };
  }),
  remove: adminProcedure.input(removeSlaPolicyInput).mutation(async ({ ctx, input }) => {
    await removeSlaPolicy(ctx.db, actorOf(ctx), input.id);
    return { id: input.id };
  }),
});

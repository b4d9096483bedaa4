import { createRoutingRuleInput, moveRoutingRuleInput, removeRoutingRuleInput } from '@anliegen/shared';
import { adminProcedure, router } from '../../trpc/init.js';
import { createRoutingRule, listRoutingRuleDtos, moveRoutingRule, removeRoutingRule } from './routing-rules.service.js';
import { actorOf } from '../../domain/actor.js';

/** Which team a new case goes to: administered here, applied by the routing engine (modules/routing). */
export const routingRulesRouter = router({
  list: adminProcedure.query(({ ctx }) => listRoutingRuleDtos(ctx.db)),
  create: adminProcedure
    .input(createRoutingRuleInput)
    .mutation(async ({ ctx, input }) => ({ id: await createRoutingRule(ctx.db, actorOf(ctx), input) })),
  remove: adminProcedure.input(removeRoutingRuleInput).mutation(async ({ ctx, input }) => {
    await removeRoutingRule(ctx.db, actorOf(ctx), input.id);
    return { id: input.id };
  }),
  move: adminProcedure
    .input(moveRoutingRuleInput)
    .mutation(async ({ ctx, input }) => ({ id: input.id, position: await moveRoutingRule(ctx.db, actorOf(ctx), input) })),
});

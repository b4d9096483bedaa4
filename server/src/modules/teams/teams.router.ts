import { createTeamInput, updateTeamInput } from '@anliegen/shared';
import { adminProcedure, authedProcedure, router } from '../../trpc/init.js';
import { createTeam, listTeamDtos, updateTeamDetails } from './teams.service.js';
import { actorOf } from '../../domain/actor.js';

export const teamsRouter = router({
  /** Every signed-in user may read the team list (filters, assignment targets). */
  list: authedProcedure.query(({ ctx }) => listTeamDtos(ctx.db)),
  create: adminProcedure
    .input(createTeamInput)
    .mutation(async ({ ctx, input }) => ({ id: await createTeam(ctx.db, actorOf(ctx), input) })),
  update: adminProcedure.input(updateTeamInput).mutation(async ({ ctx, input }) => {
    await updateTeamDetails(ctx.db, actorOf(ctx), input);
    return { id: input.id };
  }),
});

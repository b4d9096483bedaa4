import { reassignCasesInput, setAbsentInput, teamBoardInput } from '@anliegen/shared';
import { actorOf } from '../../trpc/context.js';
import { roleProcedure, router } from '../../trpc/init.js';
import { reassignCases, setAbsent, teamBoard } from './workload.service.js';

/** Team leads see their teams' workload and move work between people and teams. */
const teamLeadProcedure = roleProcedure('team_lead');

export const workloadRouter = router({
  board: teamLeadProcedure.input(teamBoardInput).query(({ ctx, input }) => teamBoard(ctx.db, ctx.user, input.teamId)),
  reassign: teamLeadProcedure.input(reassignCasesInput).mutation(({ ctx, input }) => reassignCases(ctx.db, actorOf(ctx), input)),
  setAbsent: teamLeadProcedure
    .input(setAbsentInput)
    .mutation(({ ctx, input }) => setAbsent(ctx.db, ctx.user, actorOf(ctx), input)),
});

import { reassignCasesInput, setAbsentInput, teamBoardInput } from '@anliegen/shared';
import { roleProcedure, router } from '../../trpc/init.js';
import { caseAccess } from '../../trpc/policies.js';
import { caseAccessOf } from '../cases/case-access.js';
import { reassignCases, setAbsent, teamBoard } from './workload.service.js';
import { actorOf } from '../../domain/actor.js';

/** Team leads see their teams' workload and move work between people and teams. */
const teamLeadProcedure = roleProcedure('team_lead');

export const workloadRouter = router({
  board: teamLeadProcedure.input(teamBoardInput).query(({ ctx, input }) => teamBoard(ctx.db, ctx.user, input.teamId)),
  // With CASE_ACCESS=team a lead moves only cases they may open (their teams', their own, the queue's), to any team
  // and to anyone who may open them there.
  reassign: teamLeadProcedure
    .input(reassignCasesInput)
    .use(caseAccess((input: { caseIds: number[] }) => input.caseIds))
    .mutation(({ ctx, input }) => reassignCases(ctx.db, actorOf(ctx), input, ctx.access.mode)),
  setAbsent: teamLeadProcedure
    .input(setAbsentInput)
    .mutation(({ ctx, input }) => setAbsent(ctx.db, ctx.user, actorOf(ctx), input, caseAccessOf(ctx))),
});

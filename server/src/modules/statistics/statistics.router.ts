import { statisticsInput } from '@anliegen/shared';
import { roleProcedure, router } from '../../trpc/init.js';
import { dashboard } from './statistics.service.js';

/** Supervisors and admins see every team's figures, team leads their own teams'. Figures only, no free text. */
export const statisticsRouter = router({
  dashboard: roleProcedure('supervisor', 'admin', 'team_lead')
    .input(statisticsInput)
    .query(({ ctx, input }) => dashboard(ctx.db, ctx.user, input)),
});

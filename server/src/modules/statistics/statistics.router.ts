import { statisticsCasesInput, statisticsInput } from '@anliegen/shared';
import { roleProcedure, router } from '../../trpc/init.js';
import { auditedRead } from '../../trpc/policies.js';
import { dashboard, statisticsCases } from './statistics.service.js';

type CasesPage = Awaited<ReturnType<typeof statisticsCases>>;

/** Supervisors and admins see every team's figures, team leads their own teams'. Figures only, no free text. */
export const statisticsRouter = router({
  dashboard: roleProcedure('supervisor', 'admin', 'team_lead')
    .input(statisticsInput)
    .query(({ ctx, input }) => dashboard(ctx.db, ctx.user, input)),
  /**
   * The cases behind a figure, for team leads and their own teams only: they work the cases. Supervisors read
   * figures, never cases (no case procedure is open to them), and admins administer the desk without case access
   * (every case procedure is for caseworkers): both get counts only. Subjects are personal data: an audited read.
   */
  cases: roleProcedure('team_lead')
    .input(statisticsCasesInput)
    .use(
      auditedRead('case.statistics_listed', (page: CasesPage, input: { figure: { kind: string } }) => ({
        details: {
          figure: input.figure.kind as 'contacts',
          cases: page.items.length,
          citizenIds: [...new Set(page.items.map((item) => item.citizenId))],
        },
      })),
    )
    .query(({ ctx, input }) => statisticsCases(ctx.db, ctx.user, input)),
});

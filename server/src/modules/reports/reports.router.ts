import { weeklyReportSettingInput } from '@anliegen/shared';
import { actorOf } from '../../domain/actor.js';
import { adminProcedure, roleProcedure, router } from '../../trpc/init.js';
import { reportRecipients, reportSettingOf, setReportSetting } from './reports.service.js';

/** The weekly statistics report by email: its recipients switch it on or off; admins see who gets it. */
export const reportsRouter = router({
  mySetting: roleProcedure('supervisor', 'team_lead').query(({ ctx }) =>
    reportSettingOf(ctx.db, ctx.user.id, ctx.env.SMTP_URL !== undefined),
  ),
  setMySetting: roleProcedure('supervisor', 'team_lead')
    .input(weeklyReportSettingInput)
    .mutation(async ({ ctx, input }) => {
      await setReportSetting(ctx.db, actorOf(ctx), input.enabled);
      return reportSettingOf(ctx.db, ctx.user.id, ctx.env.SMTP_URL !== undefined);
    }),
  recipients: adminProcedure.query(({ ctx }) => reportRecipients(ctx.db, ctx.env.SMTP_URL !== undefined)),
});

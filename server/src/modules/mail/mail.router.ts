import { roleProcedure, router } from '../../trpc/init.js';
import { outgoingMailStatus } from './mail.service.js';

export const mailRouter = router({
  /**
   * Whether replies reach citizens: the admins' notice, the reply box's warning and the timeline's delivery labels.
   * Supervisors send no mail and do not need it.
   */
  status: roleProcedure('admin', 'agent', 'team_lead').query(({ ctx }) =>
    outgoingMailStatus(ctx.db, ctx.env.SMTP_URL !== undefined),
  ),
});

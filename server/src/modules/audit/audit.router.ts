import { auditExportInput, auditListInput } from '@anliegen/shared';
import { adminProcedure, router } from '../../trpc/init.js';
import { exportAuditEvents, listAuditEvents } from './audit.service.js';
import { actorOf } from '../../domain/actor.js';

export const auditRouter = router({
  list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
  /** A mutation: it writes an audit event of its own (and a POST carries the CSRF token). */
  export: adminProcedure
    .input(auditExportInput)
    .mutation(({ ctx, input: { locale, ...filter } }) =>
      exportAuditEvents(ctx.db, actorOf(ctx), locale ?? ctx.user.locale, filter),
    ),
});

import { eraseCitizenInput, exportCitizenInput } from '@anliegen/shared';
import { adminProcedure, router } from '../../trpc/init.js';
import { eraseCitizen, exportCitizen } from './export.service.js';
import { retentionPreview, runRetention } from './retention.service.js';
import { actorOf } from '../../domain/actor.js';

/** Data protection duties (GDPR Art. 5(1)(e), 15, 17); for admins, who act as the data protection officer. */
export const privacyRouter = router({
  /** Dry run of the retention job: how many closed cases per category and citizens would be anonymised now. */
  retentionPreview: adminProcedure.query(({ ctx }) => retentionPreview(ctx.db, Date.now())),
  runRetention: adminProcedure.mutation(({ ctx }) =>
    runRetention(ctx.db, Date.now(), { attachmentsDir: ctx.env.ATTACHMENTS_DIR, actor: actorOf(ctx) }),
  ),
  /** A mutation: it writes an audit event of its own. */
  exportCitizen: adminProcedure
    .input(exportCitizenInput)
    .mutation(({ ctx, input }) => exportCitizen(ctx.db, actorOf(ctx), input.citizenId)),
  eraseCitizen: adminProcedure
    .input(eraseCitizenInput)
    .mutation(({ ctx, input }) => eraseCitizen(ctx.db, actorOf(ctx), input.citizenId, ctx.env.ATTACHMENTS_DIR)),
});

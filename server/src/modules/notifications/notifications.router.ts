import { markNotificationsReadInput } from '@anliegen/shared';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { caseAccessOf } from '../cases/case-access.js';
import { listNotifications, markNotificationsRead } from './notifications.service.js';

export const notificationsRouter = router({
  list: caseworkerProcedure.query(({ ctx }) => listNotifications(ctx.db, caseAccessOf(ctx))),
  markRead: caseworkerProcedure.input(markNotificationsReadInput).mutation(async ({ ctx, input }) => {
    await markNotificationsRead(ctx.db, ctx.user.id, input.ids ?? 'all');
    return { ok: true as const };
  }),
});

import { presenceInput, setPresenceInput } from '@anliegen/shared';
import { type LiveEvent, liveHub } from '../../live/live-hub.js';
import type { SessionUser } from '../../trpc/context.js';
import { caseworkerProcedure, router } from '../../trpc/init.js';

/** Which events a user's browser receives: every case change (caseworkers see all cases), their own notifications. */
function isFor(user: SessionUser, event: LiveEvent): boolean {
  return event.kind !== 'notification' || event.userId === user.id;
}

export const liveRouter = router({
  /** Server-sent events for as long as the browser stays: lists and the case view refetch what changed. */
  events: caseworkerProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const event of liveHub(ctx.db).events(signal)) {
      if (isFor(ctx.user, event)) yield event;
    }
  }),
  presence: caseworkerProcedure.input(presenceInput).query(({ ctx, input }) => liveHub(ctx.db).presenceOn(input.caseId)),
  setPresence: caseworkerProcedure.input(setPresenceInput).mutation(({ ctx, input }) => {
    liveHub(ctx.db).publish({
      kind: 'presence',
      caseId: input.caseId,
      userId: ctx.user.id,
      name: ctx.user.displayName,
      state: input.state,
      at: Date.now(),
    });
    return { ok: true as const };
  }),
});

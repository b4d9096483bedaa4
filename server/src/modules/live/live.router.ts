import { presenceInput, setPresenceInput } from '@anliegen/shared';
import { type LiveEvent, liveHub } from '../../live/live-hub.js';
import type { SessionUser } from '../../trpc/context.js';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { assertCaseAccess, caseAccessOf } from '../cases/case-access.js';

/**
 * Which events a user's browser receives: every case change, their own notifications. Case events carry ids only
 * (with CASE_ACCESS=team also of cases the user may not open): the browser refetches through the procedures that
 * check access, so an id tells it nothing.
 */
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
  presence: caseworkerProcedure.input(presenceInput).query(async ({ ctx, input }) => {
    await assertCaseAccess(ctx.db, caseAccessOf(ctx), [input.caseId]);
    return liveHub(ctx.db).presenceOn(input.caseId);
  }),
  setPresence: caseworkerProcedure.input(setPresenceInput).mutation(async ({ ctx, input }) => {
    await assertCaseAccess(ctx.db, caseAccessOf(ctx), [input.caseId]);
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

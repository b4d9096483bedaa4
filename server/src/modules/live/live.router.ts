import { presenceInput, setPresenceInput } from '@anliegen/shared';
import { type LiveEvent, liveHub } from './live-hub.js';
import { appError } from '../../trpc/errors.js';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { caseAccess } from '../../trpc/policies.js';
import { type CaseAccess, caseAccessOf, mayAccessCase } from '../cases/case-access.js';
import { announcePresence } from './live.service.js';

/**
 * Which events a user's browser receives: every case change, presence on the cases they may open, their own
 * notifications. Case events carry ids only (with CASE_ACCESS=team also of cases the user may not open): the browser
 * refetches through the procedures that check access, so an id tells it nothing. Presence tells who works on a case,
 * so it follows case access.
 */
function isFor(access: CaseAccess, event: LiveEvent): boolean {
  if (event.kind === 'notification') return event.userId === access.userId;
  if (event.kind === 'presence') {
    return mayAccessCase(access, { team_id: event.caseTeamId, assignee_id: event.caseAssigneeId });
  }
  return true;
}

export const liveRouter = router({
  /** Server-sent events for as long as the browser stays: lists and the case view refetch what changed. */
  events: caseworkerProcedure.subscription(async function* ({ ctx, signal }) {
    const hub = liveHub(ctx.db);
    const access = caseAccessOf(ctx);
    const generation = hub.generation;
    for await (const event of hub.events(signal)) {
      if (isFor(access, event)) yield event;
    }
    // Shutting down, or events missed while the database was away (hub.resync): a retryable error makes the
    // browser's EventSource reconnect (to another process, or after the restart) and refetch what it shows; a normal
    // end would stop its live updates for good.
    if (hub.closed) throw appError('SERVICE_UNAVAILABLE', 'internal', 'The server is restarting');
    if (hub.generation !== generation) throw appError('SERVICE_UNAVAILABLE', 'internal', 'Live updates start again');
  }),
  presence: caseworkerProcedure
    .input(presenceInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .query(({ ctx, input }) => liveHub(ctx.db).presenceOn(input.caseId)),
  setPresence: caseworkerProcedure
    .input(setPresenceInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .mutation(async ({ ctx, input }) => {
      await announcePresence(ctx.db, ctx.user, input);
      return { ok: true as const };
    }),
});

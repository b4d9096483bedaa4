import { createCannedResponseInput, removeCannedResponseInput, updateCannedResponseInput } from '@anliegen/shared';
import { roleProcedure, router } from '../../trpc/init.js';
import {
  createCannedResponse,
  listCannedResponseDtos,
  removeCannedResponse,
  updateCannedResponseDetails,
} from './canned-responses.service.js';

/** Caseworkers insert them in replies; admins manage all of them. Which rows each one sees: see the service. */
const readProcedure = roleProcedure('agent', 'team_lead', 'admin');
/** Team leads manage their own teams' responses, admins every one (checked per row in the service). */
const manageProcedure = roleProcedure('team_lead', 'admin');

export const cannedResponsesRouter = router({
  list: readProcedure.query(({ ctx }) => listCannedResponseDtos(ctx.db, ctx.user)),
  create: manageProcedure
    .input(createCannedResponseInput)
    .mutation(async ({ ctx, input }) => ({ id: await createCannedResponse(ctx.db, { user: ctx.user, ip: ctx.ip }, input) })),
  update: manageProcedure.input(updateCannedResponseInput).mutation(async ({ ctx, input }) => {
    await updateCannedResponseDetails(ctx.db, { user: ctx.user, ip: ctx.ip }, input);
    return { id: input.id };
  }),
  remove: manageProcedure.input(removeCannedResponseInput).mutation(async ({ ctx, input }) => {
    await removeCannedResponse(ctx.db, { user: ctx.user, ip: ctx.ip }, input.id);
    return { id: input.id };
  }),
});

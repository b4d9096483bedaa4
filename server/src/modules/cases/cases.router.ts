import {
  addInteractionInput,
  caseByReferenceInput,
  caseListInput,
  createCaseInput,
  linkCasesInput,
  mergeCasesInput,
  retryDeliveryInput,
  updateCaseInput,
} from '@anliegen/shared';
import { actorOf } from '../../trpc/context.js';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { retryFailedReply } from '../../channels/email/outbound-mail.service.js';
import { notFound } from '../../trpc/errors.js';
import { auditRead } from '../audit/audit.service.js';
import { addInteraction } from '../interactions/interactions.service.js';
import { listCases } from './case-list.service.js';
import { caseDetail, createCase, linkCases, unlinkCases, updateCase } from './cases.service.js';
import { mergeCases } from './merge-cases.service.js';

export const casesRouter = router({
  list: caseworkerProcedure.input(caseListInput).query(({ ctx, input }) => listCases(ctx.db, ctx.user, input)),
  byReference: caseworkerProcedure.input(caseByReferenceInput).query(async ({ ctx, input }) =>
    auditRead(ctx, await caseDetail(ctx.db, input), (detail) => ({
      action: 'case.viewed',
      entityType: 'case',
      entityId: detail.case.id,
      details: { citizenId: detail.case.citizen.id, interactions: detail.timeline.length },
    })),
  ),
  create: caseworkerProcedure.input(createCaseInput).mutation(({ ctx, input }) => createCase(ctx.db, actorOf(ctx), input)),
  update: caseworkerProcedure.input(updateCaseInput).mutation(({ ctx, input }) => updateCase(ctx.db, actorOf(ctx), input)),
  addInteraction: caseworkerProcedure
    .input(addInteractionInput)
    .mutation(({ ctx, input }) => addInteraction(ctx.db, actorOf(ctx), input)),
  link: caseworkerProcedure.input(linkCasesInput).mutation(async ({ ctx, input }) => {
    await linkCases(ctx.db, actorOf(ctx), input);
    return { ok: true as const };
  }),
  unlink: caseworkerProcedure.input(linkCasesInput).mutation(async ({ ctx, input }) => {
    await unlinkCases(ctx.db, actorOf(ctx), input);
    return { ok: true as const };
  }),
  retryDelivery: caseworkerProcedure.input(retryDeliveryInput).mutation(async ({ ctx, input }) => {
    if (!(await retryFailedReply(ctx.db, input.interactionId))) throw notFound('Failed mail');
    return { ok: true as const };
  }),
  merge: caseworkerProcedure.input(mergeCasesInput).mutation(({ ctx, input }) => mergeCases(ctx.db, actorOf(ctx), input)),
});

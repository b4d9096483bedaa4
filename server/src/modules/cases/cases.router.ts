import {
  addInteractionInput,
  caseByReferenceInput,
  caseListInput,
  createCaseInput,
  linkCasesInput,
  interactionActionInput,
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
import { addSenderToCitizen, splitInteraction } from '../interactions/other-sender.service.js';
import { assertCaseAccess, caseAccessOf, mayAccessInteraction } from './case-access.js';
import { listCases } from './case-list.service.js';
import { caseDetail, createCase, linkCases, unlinkCases, updateCase } from './cases.service.js';
import { mergeCases } from './merge-cases.service.js';

// With CASE_ACCESS=team, every procedure that names a case checks it first (case-access.ts): a case the caseworker
// may not open answers like an unknown one.
export const casesRouter = router({
  // The inbox shows citizens' names: an audited read like the others, one event per page with the citizens' ids.
  list: caseworkerProcedure.input(caseListInput).query(async ({ ctx, input }) =>
    auditRead(ctx, await listCases(ctx.db, ctx.user, caseAccessOf(ctx), input), (page) => ({
      action: 'case.listed',
      entityType: 'case',
      details: {
        view: input.view,
        cases: page.items.length,
        citizenIds: [...new Set(page.items.map((item) => item.citizenId))],
      },
    })),
  ),
  byReference: caseworkerProcedure.input(caseByReferenceInput).query(async ({ ctx, input }) =>
    auditRead(ctx, await caseDetail(ctx.db, caseAccessOf(ctx), input), (detail) => ({
      action: 'case.viewed',
      entityType: 'case',
      entityId: detail.case.id,
      details: { citizenId: detail.case.citizen.id, interactions: detail.timeline.length },
    })),
  ),
  create: caseworkerProcedure.input(createCaseInput).mutation(({ ctx, input }) => createCase(ctx.db, actorOf(ctx), input)),
  update: caseworkerProcedure.input(updateCaseInput).mutation(async ({ ctx, input }) => {
    const access = caseAccessOf(ctx);
    await assertCaseAccess(ctx.db, access, [input.id]);
    return updateCase(ctx.db, actorOf(ctx), access, input);
  }),
  addInteraction: caseworkerProcedure.input(addInteractionInput).mutation(async ({ ctx, input }) => {
    await assertCaseAccess(ctx.db, caseAccessOf(ctx), [input.caseId]);
    return addInteraction(ctx.db, actorOf(ctx), input);
  }),
  link: caseworkerProcedure.input(linkCasesInput).mutation(async ({ ctx, input }) => {
    await assertCaseAccess(ctx.db, caseAccessOf(ctx), [input.caseId, input.relatedCaseId]);
    await linkCases(ctx.db, actorOf(ctx), input);
    return { ok: true as const };
  }),
  unlink: caseworkerProcedure.input(linkCasesInput).mutation(async ({ ctx, input }) => {
    await assertCaseAccess(ctx.db, caseAccessOf(ctx), [input.caseId, input.relatedCaseId]);
    await unlinkCases(ctx.db, actorOf(ctx), input);
    return { ok: true as const };
  }),
  retryDelivery: caseworkerProcedure.input(retryDeliveryInput).mutation(async ({ ctx, input }) => {
    const allowed = await mayAccessInteraction(ctx.db, caseAccessOf(ctx), input.interactionId);
    if (!allowed || !(await retryFailedReply(ctx.db, input.interactionId))) throw notFound('Failed mail');
    return { ok: true as const };
  }),
  // Someone else wrote into the case: their address is the citizen's after all, or their message is a case of its own.
  addSenderToCitizen: caseworkerProcedure.input(interactionActionInput).mutation(async ({ ctx, input }) => {
    if (!(await mayAccessInteraction(ctx.db, caseAccessOf(ctx), input.interactionId))) throw notFound('Message');
    return addSenderToCitizen(ctx.db, actorOf(ctx), input.interactionId);
  }),
  splitInteraction: caseworkerProcedure.input(interactionActionInput).mutation(async ({ ctx, input }) => {
    if (!(await mayAccessInteraction(ctx.db, caseAccessOf(ctx), input.interactionId))) throw notFound('Message');
    return splitInteraction(ctx.db, actorOf(ctx), input.interactionId);
  }),
  merge: caseworkerProcedure.input(mergeCasesInput).mutation(async ({ ctx, input }) => {
    await assertCaseAccess(ctx.db, caseAccessOf(ctx), [input.sourceId, input.targetId]);
    return mergeCases(ctx.db, actorOf(ctx), input);
  }),
});

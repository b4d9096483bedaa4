import {
  addInteractionInput,
  bulkUpdateInput,
  setCaseTagsInput,
  attachmentBytesLimit,
  forwardCaseInput,
  forwardMessageInput,
  caseByReferenceInput,
  caseListInput,
  createCaseInput,
  linkCasesInput,
  interactionActionInput,
  mergeCasesInput,
  retryDeliveryInput,
  splitMessageInput,
  updateCaseInput,
} from '@anliegen/shared';
import { notFound } from '../../domain/domain-error.js';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { auditedRead, caseAccess, messageAccess } from '../../trpc/policies.js';
import { addInteraction, retryFailedReply } from './interactions.service.js';
import { addSenderToCitizen, splitInteraction } from './other-sender.service.js';
import { caseAccessOf } from './case-access.js';
import { listCases, viewCounts } from './case-list.service.js';
import { bulkUpdateCases } from './bulk-update.service.js';
import { setCaseTags } from './case-tags.service.js';
import { type CaseDetail, caseDetail, createCase, linkCases, unlinkCases, updateCase } from './cases.service.js';
import { mergeCases } from './merge-cases.service.js';
import { forwardCase, forwardMessage } from './forward.service.js';
import { splitMessage } from './split-case.service.js';
import { actorOf } from '../../domain/actor.js';

type CaseListPage = Awaited<ReturnType<typeof listCases>>;
/** A mail's attachments stay within what the desk accepts itself (MAIL_MAX_BYTES). */
const replyLimits = (env: { MAIL_MAX_BYTES: number }) => ({ maxAttachmentBytes: attachmentBytesLimit(env.MAIL_MAX_BYTES) });

// With CASE_ACCESS=team, every procedure that names a case declares the case policy (trpc/policies.ts): a case the
// caseworker may not open answers like an unknown one.
export const casesRouter = router({
  // The inbox shows citizens' names: an audited read like the others, one event per page with the citizens' ids.
  list: caseworkerProcedure
    .input(caseListInput)
    .use(
      auditedRead('case.listed', (page: CaseListPage, input: { view: (typeof caseListInput)['_output']['view'] }) => ({
        details: {
          view: input.view,
          cases: page.items.length,
          citizenIds: [...new Set(page.items.map((item) => item.citizenId))],
        },
      })),
    )
    .query(({ ctx, input }) => listCases(ctx.db, ctx.user, caseAccessOf(ctx), input)),
  // How many cases each view holds, up to a cap ("999+"): counts only.
  viewCounts: caseworkerProcedure.query(({ ctx }) => viewCounts(ctx.db, ctx.user, caseAccessOf(ctx))),
  // One action on up to BULK_MAX_CASES cases, all or nothing (bulk-update.service.ts); access to every one first.
  bulkUpdate: caseworkerProcedure
    .input(bulkUpdateInput)
    .use(caseAccess((input: { ids: number[] }) => input.ids))
    .mutation(({ ctx, input }) => bulkUpdateCases(ctx.db, actorOf(ctx), ctx.access, input)),
  setTags: caseworkerProcedure
    .input(setCaseTagsInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .mutation(({ ctx, input }) => setCaseTags(ctx.db, actorOf(ctx), input)),
  byReference: caseworkerProcedure
    .input(caseByReferenceInput)
    .use(
      auditedRead('case.viewed', (detail: CaseDetail) => ({
        entityId: detail.case.id,
        details: { citizenId: detail.case.citizen.id, interactions: detail.timeline.length },
      })),
    )
    .query(({ ctx, input }) => caseDetail(ctx.db, caseAccessOf(ctx), input)),
  create: caseworkerProcedure.input(createCaseInput).mutation(({ ctx, input }) => createCase(ctx.db, actorOf(ctx), input)),
  update: caseworkerProcedure
    .input(updateCaseInput)
    .use(caseAccess((input: { id: number }) => [input.id]))
    .mutation(({ ctx, input }) => updateCase(ctx.db, actorOf(ctx), ctx.access, input)),
  addInteraction: caseworkerProcedure
    .input(addInteractionInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .mutation(({ ctx, input }) => addInteraction(ctx.db, actorOf(ctx), input, replyLimits(ctx.env))),
  // To another office's address, threaded back into the case when they answer (forward.service.ts).
  forwardCase: caseworkerProcedure
    .input(forwardCaseInput)
    .use(caseAccess((input: { caseId: number }) => [input.caseId]))
    .mutation(({ ctx, input }) => forwardCase(ctx.db, actorOf(ctx), input, replyLimits(ctx.env))),
  forwardMessage: caseworkerProcedure
    .input(forwardMessageInput)
    .use(messageAccess((input: { interactionId: number }) => input.interactionId, 'Message'))
    .mutation(({ ctx, input }) => forwardMessage(ctx.db, actorOf(ctx), input, replyLimits(ctx.env))),
  link: caseworkerProcedure
    .input(linkCasesInput)
    .use(caseAccess((input: { caseId: number; relatedCaseId: number }) => [input.caseId, input.relatedCaseId]))
    .mutation(async ({ ctx, input }) => {
      await linkCases(ctx.db, actorOf(ctx), input);
      return { ok: true as const };
    }),
  unlink: caseworkerProcedure
    .input(linkCasesInput)
    .use(caseAccess((input: { caseId: number; relatedCaseId: number }) => [input.caseId, input.relatedCaseId]))
    .mutation(async ({ ctx, input }) => {
      await unlinkCases(ctx.db, actorOf(ctx), input);
      return { ok: true as const };
    }),
  retryDelivery: caseworkerProcedure
    .input(retryDeliveryInput)
    .use(messageAccess((input: { interactionId: number }) => input.interactionId, 'Failed mail'))
    .mutation(async ({ ctx, input }) => {
      if (!(await retryFailedReply(ctx.db, input.interactionId))) throw notFound('Failed mail');
      return { ok: true as const };
    }),
  // Someone else wrote into the case: their address is the citizen's after all, or their message is a case of its own.
  addSenderToCitizen: caseworkerProcedure
    .input(interactionActionInput)
    .use(messageAccess((input: { interactionId: number }) => input.interactionId, 'Message'))
    .mutation(({ ctx, input }) => addSenderToCitizen(ctx.db, actorOf(ctx), input.interactionId)),
  splitInteraction: caseworkerProcedure
    .input(interactionActionInput)
    .use(messageAccess((input: { interactionId: number }) => input.interactionId, 'Message'))
    .mutation(({ ctx, input }) => splitInteraction(ctx.db, actorOf(ctx), input.interactionId)),
  // "In neuen Vorgang verschieben": the other half of merging.
  splitMessage: caseworkerProcedure
    .input(splitMessageInput)
    .use(messageAccess((input: { interactionId: number }) => input.interactionId, 'Message'))
    .mutation(({ ctx, input }) => splitMessage(ctx.db, actorOf(ctx), input)),
  merge: caseworkerProcedure
    .input(mergeCasesInput)
    .use(caseAccess((input: { sourceId: number; targetId: number }) => [input.sourceId, input.targetId]))
    .mutation(({ ctx, input }) => mergeCases(ctx.db, actorOf(ctx), input)),
});

import { feedbackCommentsInput, impactInput, impactTargetIdInput, impactTargetInput, publicFiguresInput } from '@anliegen/shared';
import { actorOf } from '../../domain/actor.js';
import { adminProcedure, roleProcedure, router } from '../../trpc/init.js';
import { auditedRead } from '../../trpc/policies.js';
import { feedbackComments, impactFigures } from './impact.service.js';
import { listImpactTargets, removeImpactTarget, saveImpactTarget, setPublicFigures } from './impact-targets.service.js';

type CommentsPage = Awaited<ReturnType<typeof feedbackComments>>;

/**
 * Impact figures against targets (issue 18). The figures and the citizens' comments are for the statistics page's
 * readers (supervisors and admins: all teams; team leads: their own), as counts and words without names or contact
 * data; the targets and the public page's switch are the admins'.
 */
export const impactRouter = router({
  figures: roleProcedure('supervisor', 'admin', 'team_lead')
    .input(impactInput)
    .query(({ ctx, input }) => impactFigures(ctx.db, ctx.user, input)),
  /** Comments are what citizens wrote: a read recorded like the drill-down's (how many, which rating was asked for). */
  comments: roleProcedure('supervisor', 'admin', 'team_lead')
    .input(feedbackCommentsInput)
    .use(
      auditedRead('impact.commentsListed', (page: CommentsPage, input: { rating?: number | undefined }) => ({
        details: { comments: page.items.length, ...(input.rating !== undefined ? { rating: input.rating } : {}) },
      })),
    )
    .query(({ ctx, input }) => feedbackComments(ctx.db, ctx.user, input)),
  targets: adminProcedure.query(({ ctx }) => listImpactTargets(ctx.db)),
  saveTarget: adminProcedure.input(impactTargetInput).mutation(({ ctx, input }) => saveImpactTarget(ctx.db, actorOf(ctx), input)),
  removeTarget: adminProcedure
    .input(impactTargetIdInput)
    .mutation(({ ctx, input }) => removeImpactTarget(ctx.db, actorOf(ctx), input.id)),
  setPublicFigures: adminProcedure
    .input(publicFiguresInput)
    .mutation(({ ctx, input }) => setPublicFigures(ctx.db, actorOf(ctx), input.enabled)),
});

import {
  createTagInput,
  mergeTagsInput,
  tagIdInput,
  tagSettingsInput,
  tagStatisticsInput,
  updateTagInput,
} from '@anliegen/shared';
import { actorOf } from '../../domain/actor.js';
import { adminProcedure, caseworkerProcedure, roleProcedure, router } from '../../trpc/init.js';
import { createTag, listTags, mergeTags, removeTag, setTagSettings, tagStatistics, updateTag } from './tags.service.js';

/** Caseworkers read the list (pickers, the inbox's filter); admins keep it; statistics readers count cases per tag. */
export const tagsRouter = router({
  list: caseworkerProcedure.query(({ ctx }) => listTags(ctx.db, { withCounts: false })),
  adminList: adminProcedure.query(({ ctx }) => listTags(ctx.db, { withCounts: true })),
  create: adminProcedure.input(createTagInput).mutation(({ ctx, input }) => createTag(ctx.db, actorOf(ctx), input)),
  update: adminProcedure.input(updateTagInput).mutation(({ ctx, input }) => updateTag(ctx.db, actorOf(ctx), input)),
  merge: adminProcedure.input(mergeTagsInput).mutation(({ ctx, input }) => mergeTags(ctx.db, actorOf(ctx), input)),
  remove: adminProcedure.input(tagIdInput).mutation(({ ctx, input }) => removeTag(ctx.db, actorOf(ctx), input.id)),
  setSettings: adminProcedure
    .input(tagSettingsInput)
    .mutation(({ ctx, input }) => setTagSettings(ctx.db, actorOf(ctx), input.onlyCurated)),
  statistics: roleProcedure('supervisor', 'admin', 'team_lead')
    .input(tagStatisticsInput)
    .query(({ ctx, input }) => tagStatistics(ctx.db, ctx.user, input)),
});

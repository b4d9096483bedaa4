import { createSavedSearchInput, savedSearchIdInput, searchInput } from '@anliegen/shared';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { createSavedSearch, listSavedSearches, removeSavedSearch } from './saved-searches.service.js';
import { search } from './search.service.js';

export const searchRouter = router({
  run: caseworkerProcedure.input(searchInput).query(({ ctx, input }) => search(ctx.db, input)),
});

export const savedSearchesRouter = router({
  list: caseworkerProcedure.query(({ ctx }) => listSavedSearches(ctx.db, ctx.user.id)),
  create: caseworkerProcedure
    .input(createSavedSearchInput)
    .mutation(({ ctx, input }) => createSavedSearch(ctx.db, ctx.user.id, input)),
  remove: caseworkerProcedure.input(savedSearchIdInput).mutation(async ({ ctx, input }) => {
    await removeSavedSearch(ctx.db, ctx.user.id, input.id);
    return { id: input.id };
  }),
});

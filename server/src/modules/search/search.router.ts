import { createSavedSearchInput, savedSearchIdInput, searchInput } from '@anliegen/shared';
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { auditedRead } from '../../trpc/policies.js';
import { caseAccessOf } from '../cases/case-access.js';
import { createSavedSearch, listSavedSearches, removeSavedSearch } from './saved-searches.service.js';
import { search } from './search.service.js';
import { actorOf } from '../../domain/actor.js';

export const searchRouter = router({
  // Audited (a search shows citizens' data): which citizens and cases were shown, never the search text.
  run: caseworkerProcedure
    .input(searchInput)
    .use(
      auditedRead('search.performed', (result: Awaited<ReturnType<typeof search>>) => ({
        details: {
          citizens: result.citizens.length,
          citizenIds: result.citizens.map((citizen) => citizen.id),
          cases: result.cases.length,
          caseIds: result.cases.map((hit) => hit.id),
        },
      })),
    )
    .query(({ ctx, input }) => search(ctx.db, caseAccessOf(ctx), input)),
});

export const savedSearchesRouter = router({
  list: caseworkerProcedure.query(({ ctx }) => listSavedSearches(ctx.db, ctx.user.id)),
  create: caseworkerProcedure
    .input(createSavedSearchInput)
    .mutation(({ ctx, input }) => createSavedSearch(ctx.db, actorOf(ctx), input)),
  remove: caseworkerProcedure.input(savedSearchIdInput).mutation(async ({ ctx, input }) => {
    await removeSavedSearch(ctx.db, ctx.user.id, input.id);
    return { id: input.id };
  }),
});

import { authedProcedure, router } from '../../trpc/init.js';
import { listCategories } from './categories.repo.js';

export const categoriesRouter = router({
  /** Topics for filters and new cases, with the team each goes to by default. */
  list: authedProcedure.query(({ ctx }) => listCategories(ctx.db)),
});

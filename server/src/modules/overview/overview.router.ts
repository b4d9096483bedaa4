import { authedProcedure, router } from '../../trpc/init.js';
import { overviewFor } from './overview.service.js';

export const overviewRouter = router({
  summary: authedProcedure.query(({ ctx }) => overviewFor(ctx.db, ctx.user)),
});

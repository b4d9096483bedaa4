import { isCaseworker } from '@anliegen/shared';
import { authedProcedure, router } from '../../trpc/init.js';
import { caseAccessOf } from '../cases/case-access.js';
import { overviewFor } from './overview.service.js';

export const overviewRouter = router({
  // Caseworkers count the cases they may open (the inbox's views); the other roles have no inbox and count all.
  summary: authedProcedure.query(({ ctx }) =>
    overviewFor(ctx.db, ctx.user, isCaseworker(ctx.user.role) ? caseAccessOf({ env: ctx.env, user: ctx.user }) : null),
  ),
});

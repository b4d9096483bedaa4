import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { authRouter } from '../modules/auth/auth.router.js';
import { casesRouter } from '../modules/cases/cases.router.js';
import { categoriesRouter } from '../modules/categories/categories.router.js';
import { citizensRouter } from '../modules/citizens/citizens.router.js';
import { intakeRouter } from '../modules/intake/intake.router.js';
import { overviewRouter } from '../modules/overview/overview.router.js';
import { savedSearchesRouter, searchRouter } from '../modules/search/search.router.js';
import { teamsRouter } from '../modules/teams/teams.router.js';
import { usersRouter } from '../modules/users/users.router.js';
import { createCallerFactory, router } from './init.js';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  teams: teamsRouter,
  overview: overviewRouter,
  categories: categoriesRouter,
  citizens: citizensRouter,
  cases: casesRouter,
  intake: intakeRouter,
  search: searchRouter,
  savedSearches: savedSearchesRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);

import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { accessibilityRouter } from '../modules/accessibility/accessibility.router.js';
import { auditRouter } from '../modules/audit/audit.router.js';
import { authRouter } from '../modules/auth/auth.router.js';
import { cannedResponsesRouter } from '../modules/canned-responses/canned-responses.router.js';
import { casesRouter } from '../modules/cases/cases.router.js';
import { categoriesRouter } from '../modules/categories/categories.router.js';
import { citizensRouter } from '../modules/citizens/citizens.router.js';
import { intakeRouter } from '../modules/intake/intake.router.js';
import { liveRouter } from '../modules/live/live.router.js';
import { mailRouter } from '../modules/mail/mail.router.js';
import { mailboxRouter } from '../modules/mailbox/mailbox.router.js';
import { feedbackRouter } from '../modules/feedback/feedback.router.js';
import { notificationsRouter } from '../modules/notifications/notifications.router.js';
import { overviewRouter } from '../modules/overview/overview.router.js';
import { privacyRouter } from '../modules/privacy/privacy.router.js';
import { routingRulesRouter } from '../modules/routing/routing-rules.router.js';
import { savedSearchesRouter, searchRouter } from '../modules/search/search.router.js';
import { slaPoliciesRouter } from '../modules/sla/sla-policies.router.js';
import { statisticsRouter } from '../modules/statistics/statistics.router.js';
import { impactRouter } from '../modules/statistics/impact.router.js';
import { reportsRouter } from '../modules/reports/reports.router.js';
import { tagsRouter } from '../modules/tags/tags.router.js';
import { teamsRouter } from '../modules/teams/teams.router.js';
import { usersRouter } from '../modules/users/users.router.js';
import { workloadRouter } from '../modules/workload/workload.router.js';
import { createCallerFactory, router } from './init.js';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  teams: teamsRouter,
  routingRules: routingRulesRouter,
  slaPolicies: slaPoliciesRouter,
  cannedResponses: cannedResponsesRouter,
  overview: overviewRouter,
  categories: categoriesRouter,
  citizens: citizensRouter,
  cases: casesRouter,
  intake: intakeRouter,
  search: searchRouter,
  live: liveRouter,
  notifications: notificationsRouter,
  mail: mailRouter,
  mailbox: mailboxRouter,
  feedback: feedbackRouter,
  workload: workloadRouter,
  savedSearches: savedSearchesRouter,
  statistics: statisticsRouter,
  impact: impactRouter,
  reports: reportsRouter,
  tags: tagsRouter,
  audit: auditRouter,
  accessibility: accessibilityRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);

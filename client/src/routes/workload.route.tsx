import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod/mini';
import { assertRole } from '../lib/auth';
import { idParam, optionalParam } from '../lib/search-params';
import { trpc } from '../lib/trpc';
import { appLayoutRoute } from './app-layout.route';

/** The team lead's board; `teamId` picks one of the lead's teams (the first by default). */
export const teamBoardRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/team',
  beforeLoad: ({ context }) => assertRole(context.me.role, ['team_lead']),
  validateSearch: z.object({ teamId: optionalParam(idParam) }),
  loaderDeps: ({ search }) => ({ teamId: search.teamId }),
  loader: ({ context, deps }) => {
    const teamId = deps.teamId ?? context.me.teams[0]?.id;
    return Promise.all([
      context.queryClient.ensureQueryData(trpc.teams.list.queryOptions()),
      teamId === undefined ? null : context.queryClient.ensureQueryData(trpc.workload.board.queryOptions({ teamId })),
    ]);
  },
  component: lazyRouteComponent(() => import('../features/workload/team-board-page'), 'TeamBoardPage'),
});

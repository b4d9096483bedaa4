import { CHANNELS } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import type { SessionUser } from '../../trpc/context.js';
import { countInboundByChannelSince, countOpenCases } from './overview.repo.js';

const DAY_MS = 86_400_000;

/** The start page: the counts each role needs first thing in the morning. Figures only, no free text. */
export async function overviewFor(db: DB, user: SessionUser, now = Date.now()) {
  const teamIds = user.teams.map((team) => team.id);
  const [myOpenCases, teamUnassigned, allOpen, byChannel] = await Promise.all([
    countOpenCases(db, { assigneeId: user.id }),
    countOpenCases(db, { teamIds, unassigned: true }),
    countOpenCases(db, {}),
    countInboundByChannelSince(db, now - 30 * DAY_MS),
  ]);
  return {
    myOpenCases,
    teamUnassigned,
    allOpen,
    inboundLast30Days: CHANNELS.filter((channel) => channel !== 'note').map((channel) => ({
      channel,
      count: byChannel.find((row) => row.channel === channel)?.count ?? 0,
    })),
  };
}

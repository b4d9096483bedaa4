import { CHANNELS } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import type { SessionUser } from '../../trpc/context.js';
import { now as clockNow } from '../../domain/clock.js';
import type { CaseAccess } from '../cases/case-access.js';
import { countInboundByChannelSince, countOpenCases } from './overview.repo.js';

const DAY_MS = 86_400_000;
/**
 * The month's inbound counts are the same for everyone and move slowly, but counting them reads some 50,000 index
 * entries at 300,000 cases (10 ms, pnpm bench): each process counts them at most once a minute per database.
 */
const INBOUND_FRESH_MS = 60_000;
const inboundCounts = new WeakMap<DB, { countedAt: number; rows: Promise<{ channel: string; count: number }[]> }>();

function inboundLast30Days(db: DB, now: number) {
  const cached = inboundCounts.get(db);
  if (cached && now - cached.countedAt < INBOUND_FRESH_MS && now >= cached.countedAt) return cached.rows;
  const entry = { countedAt: now, rows: countInboundByChannelSince(db, now - 30 * DAY_MS) };
  inboundCounts.set(db, entry);
  // A failed count is not kept: the next request asks again.
  entry.rows.catch(() => inboundCounts.get(db) === entry && inboundCounts.delete(db));
  return entry.rows;
}

/**
 * The start page: the counts each role needs first thing in the morning. Figures only, no free text. Each case
 * counter is what one inbox view lists (the page links them): caseworkers count what they may see (`access`).
 */
export async function overviewFor(db: DB, user: SessionUser, access: CaseAccess | null, now = clockNow()) {
  const teamIds = user.teams.map((team) => team.id);
  const [myOpenCases, teamUnassigned, allOpen, byChannel] = await Promise.all([
    countOpenCases(db, { assigneeId: user.id, access, now }),
    countOpenCases(db, { teamIds, unassigned: true, access, now }),
    countOpenCases(db, { access, now }),
    inboundLast30Days(db, now),
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

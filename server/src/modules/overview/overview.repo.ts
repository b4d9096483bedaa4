import { CHANNELS, type Channel } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { type CaseAccess, visibleCases } from '../cases/case-access.js';
import { filterOnlyCondition, noFollowUpPending, notMerged, OPEN_CASE } from '../cases/case-conditions.js';

/**
 * The open cases of one of the inbox's working views, counted with the view's own conditions (issue 16: the start
 * page's counters link to the views and must say what they list): open, not merged, not waiting for a follow-up date
 * still to come, and among the cases the caseworker may see (`access`; null for roles without an inbox, who count all).
 * "mine" is counted in the open cases' index by assignee (as the inbox reads it), the others in an index of open cases.
 */
export async function countOpenCases(
  db: DB,
  filter: { assigneeId?: number; teamIds?: number[]; unassigned?: boolean; access: CaseAccess | null; now: number },
) {
  const dialect = dialectOf(db);
  if (filter.teamIds !== undefined && filter.teamIds.length === 0) return 0;
  let query = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    // The open cases' partial indexes (their predicate, literally): by assignee for "mine", else one of them whole.
    .where(OPEN_CASE)
    .where(notMerged(dialect))
    .where(noFollowUpPending(dialect, filter.now));
  if (filter.access) query = query.where(filterOnlyCondition(dialect, visibleCases(filter.access)));
  if (filter.assigneeId !== undefined) query = query.where('cases.assignee_id', '=', filter.assigneeId);
  if (filter.teamIds !== undefined) query = query.where('cases.team_id', 'in', filter.teamIds);
  if (filter.unassigned) query = query.where('cases.assignee_id', 'is', null);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countInboundByChannelSince(db: DB, since: number) {
  const rows = await db
    .selectFrom('interactions')
    .select((eb) => ['channel', eb.fn.countAll<number>().as('count')])
    .where('occurred_at', '>=', since)
    .where('direction', '=', 'inbound')
    // Naming the channels makes each a range in the contacts index (direction, channel, time) instead of a walk over
    // every inbound message ever (130 ms at 1,000,000 messages).
    .where('channel', 'in', CHANNELS)
    .groupBy('channel')
    .execute();
  return rows.map((row) => ({ channel: row.channel as Channel, count: Number(row.count) }));
}

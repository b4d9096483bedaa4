import { CHANNELS, type Channel, OPEN_CASE_STATUSES } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { notMerged, OPEN_CASE } from '../cases/case-conditions.js';

export async function countOpenCases(db: DB, filter: { assigneeId?: number; teamIds?: number[]; unassigned?: boolean }) {
  if (filter.assigneeId !== undefined) {
    // Counted in the open cases' index by assignee alone (as the inbox's "mine" reads them), not among all open cases.
    const row = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('cases.assignee_id', '=', filter.assigneeId)
      .where(OPEN_CASE)
      .where(notMerged(dialectOf(db)))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  let query = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', OPEN_CASE_STATUSES)
    .where('merged_into_id', 'is', null);
  if (filter.teamIds !== undefined) {
    if (filter.teamIds.length === 0) return 0;
    query = query.where('team_id', 'in', filter.teamIds);
  }
  if (filter.unassigned) query = query.where('assignee_id', 'is', null);
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

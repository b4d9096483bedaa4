import { OPEN_CASE_STATUSES, type Channel } from '@anliegen/shared';
import type { DB } from '../../db/database.js';

export async function countOpenCases(db: DB, filter: { assigneeId?: number; teamIds?: number[]; unassigned?: boolean }) {
  let query = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', OPEN_CASE_STATUSES)
    .where('merged_into_id', 'is', null);
  if (filter.assigneeId !== undefined) query = query.where('assignee_id', '=', filter.assigneeId);
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
    .groupBy('channel')
    .execute();
  return rows.map((row) => ({ channel: row.channel as Channel, count: Number(row.count) }));
}

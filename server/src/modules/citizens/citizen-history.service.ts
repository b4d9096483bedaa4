import { OPEN_CASE_STATUSES, type citizenTimelineInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { timelineOfCitizen } from '../interactions/interactions.repo.js';
import { toTimelineItems } from '../interactions/timeline.dto.js';
import { getCitizen, resolveCitizenRow } from './citizens.service.js';

const PANEL_CASES = 50;
const PANEL_RECENT = 10;

/** Cases of one citizen, open ones first, then the most recently active. */
export async function casesOfCitizen(db: DB, citizenId: number, limit = PANEL_CASES) {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => [
      'id',
      'reference',
      'subject',
      'status',
      'priority',
      'origin_channel as originChannel',
      'created_at as createdAt',
      'updated_at as updatedAt',
      eb.case().when('status', 'in', OPEN_CASE_STATUSES).then(0).else(1).end().as('closedRank'),
    ])
    .where('citizen_id', '=', citizenId)
    .where('merged_into_id', 'is', null)
    .orderBy('closedRank')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ closedRank: _rank, ...row }) => row);
}

/**
 * What an agent needs beside a case: who this is, how to reach them, their other cases (open first) and the
 * last contacts on any channel, so nobody has to ask the citizen to repeat themselves.
 */
export async function citizenPanel(db: DB, citizenId: number) {
  const { citizen, redirectedFrom } = await getCitizen(db, citizenId);
  const [cases, recent] = await Promise.all([
    casesOfCitizen(db, citizen.id),
    timelineOfCitizen(db, { citizenId: citizen.id, limit: PANEL_RECENT }),
  ]);
  return { citizen, redirectedFrom, cases, recent: await toTimelineItems(db, recent) };
}

/** The whole history of a citizen across cases, optionally on some channels only, newest first. */
export async function citizenTimeline(db: DB, input: z.output<typeof citizenTimelineInput>) {
  const { row } = await resolveCitizenRow(db, input.citizenId);
  const rows = await timelineOfCitizen(db, {
    citizenId: row.id,
    channels: input.channels,
    before: input.cursor ?? undefined,
    limit: input.limit + 1,
  });
  const items = await toTimelineItems(db, rows.slice(0, input.limit));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? { occurredAt: last.occurredAt, id: last.id } : null };
}

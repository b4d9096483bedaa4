import { OPEN_CASE_STATUSES, type citizenTimelineInput } from '@anliegen/shared';
import type { z } from 'zod';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import { type CaseAccess, visibleCases } from '../cases/case-access.js';
import { timelineOfCitizen } from '../cases/cases.service.js';
import { toHistoryItems } from '../cases/timeline.dto.js';
import { getCitizen, resolveCitizenRow } from './citizens.service.js';

const PANEL_CASES = 50;
const PANEL_RECENT = 10;

const citizenCases = compiledQuery(
  (db, values: { citizenId: number; userId: number; teamIds: readonly number[]; limit: number }, mode: CaseAccess['mode']) =>
    db
      .selectFrom('cases')
      .leftJoin('teams', 'teams.id', 'cases.team_id')
      .select((eb) => [
        'cases.id',
        'cases.reference',
        'cases.subject',
        'cases.status',
        'cases.priority',
        'cases.origin_channel as originChannel',
        'cases.created_at as createdAt',
        'cases.updated_at as updatedAt',
        'teams.name as teamName',
        eb
          .case()
          .when(visibleCases({ mode, userId: values.userId, teamIds: values.teamIds }))
          .then(1)
          .else(0)
          .end()
          .as('visible'),
        eb.case().when('cases.status', 'in', OPEN_CASE_STATUSES).then(0).else(1).end().as('closedRank'),
      ])
      .where('cases.citizen_id', '=', values.citizenId)
      .where('cases.merged_into_id', 'is', null)
      .orderBy('closedRank')
      .orderBy('cases.updated_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(values.limit),
  (mode) => mode,
);

/**
 * Cases of one citizen, open ones first, then the most recently active. Cases the reader may not open
 * (CASE_ACCESS=team) show their reference, status, channel, dates and team, not their subject.
 */
export async function casesOfCitizen(db: DB, access: CaseAccess, citizenId: number, limit = PANEL_CASES) {
  const rows = await citizenCases(db, { citizenId, userId: access.userId, teamIds: access.teamIds, limit }, access.mode);
  return rows.map(({ closedRank: _rank, visible, subject, priority, ...row }) =>
    visible === 1
      ? { ...row, restricted: false as const, subject, priority }
      : { ...row, teamName: row.teamName ?? '', restricted: true as const },
  );
}

/**
 * What an agent needs beside a case: who this is, how to reach them, their other cases (open first) and the
 * last contacts on any channel, so nobody has to ask the citizen to repeat themselves.
 */
export async function citizenPanel(db: DB, access: CaseAccess, citizenId: number) {
  const { citizen, redirectedFrom } = await getCitizen(db, citizenId);
  const [cases, recent] = await Promise.all([
    casesOfCitizen(db, access, citizen.id),
    timelineOfCitizen(db, { citizenId: citizen.id, access, limit: PANEL_RECENT }),
  ]);
  return { citizen, redirectedFrom, cases, recent: await toHistoryItems(db, recent) };
}

/** The whole history of a citizen across cases, optionally on some channels only, newest first. */
export async function citizenTimeline(db: DB, access: CaseAccess, input: z.output<typeof citizenTimelineInput>) {
  const { row } = await resolveCitizenRow(db, input.citizenId);
  const rows = await timelineOfCitizen(db, {
    citizenId: row.id,
    access,
    channels: input.channels,
    before: input.cursor ?? undefined,
    limit: input.limit + 1,
  });
  const items = await toHistoryItems(db, rows.slice(0, input.limit));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? { occurredAt: last.occurredAt, id: last.id } : null };
}

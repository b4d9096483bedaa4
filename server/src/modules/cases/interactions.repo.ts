import type { Channel } from '@anliegen/shared';
import { type Insertable, sql } from 'kysely';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import type { InteractionsTable } from '../../db/schema.js';
import { type CaseAccess, visibleCases } from './case-access.js';

/** `countsAsContact: false` for mail a machine sent (an out-of-office note is no contact of the citizen's). */
export async function insertInteraction(
  db: DB,
  interaction: Insertable<InteractionsTable>,
  options: { countsAsContact?: boolean } = {},
): Promise<number> {
  const row = await db.insertInto('interactions').values(interaction).returning('id').executeTakeFirstOrThrow();
  if (interaction.direction === 'inbound' && interaction.channel !== 'note' && options.countsAsContact !== false) {
    await countContact(db, interaction.case_id, interaction.channel);
  }
  return row.id;
}

/** A message's files, already in the attachment store (content-addressed), recorded with it. */
export async function insertAttachments(
  db: DB,
  interactionId: number,
  files: readonly { filename: string; contentType: string; sizeBytes: number; sha256: string; contentId?: string | null }[],
  now: number,
): Promise<void> {
  for (const file of files)
    await db
      .insertInto('attachments')
      .values({
        interaction_id: interactionId,
        filename: file.filename,
        content_type: file.contentType,
        size_bytes: file.sizeBytes,
        sha256: file.sha256,
        content_id: file.contentId ?? null,
        created_at: now,
      })
      .execute();
}

/**
 * The case's contact facts for the statistics after a new contact of the citizen (the latest, as contacts are
 * recorded as they happen): one more contact, the channel they came back on, the first switch of channel.
 */
async function countContact(db: DB, caseId: number, channel: Channel): Promise<void> {
  await db
    .updateTable('cases')
    .set((eb) => ({
      contact_count: eb('contact_count', '+', 1),
      return_channel: sql<Channel | null>`case when contact_count = 1 and return_channel is null then ${channel} else return_channel end`,
      switch_channel: sql<Channel | null>`case when switch_channel is null and origin_channel <> ${channel} then ${channel} else switch_channel end`,
    }))
    .where('id', '=', caseId)
    .execute();
}

/** Recounts a case's contact facts from its interactions in time order (after a merge brought in others). */
export async function refreshContactFacts(db: DB, caseId: number): Promise<void> {
  const contacts = sql`from interactions i where i.case_id = cases.id and i.direction = 'inbound' and i.channel <> 'note'`;
  await db
    .updateTable('cases')
    .set({
      contact_count: sql<number>`(select count(*) ${contacts})`,
      return_channel: sql<Channel | null>`(select i.channel ${contacts} order by i.occurred_at, i.id limit 1 offset 1)`,
      switch_channel: sql<Channel | null>`(select i.channel ${contacts} and i.channel <> cases.origin_channel order by i.occurred_at, i.id limit 1)`,
    })
    .where('id', '=', caseId)
    .execute();
}

/** Interactions with what a timeline shows beside them: author name and case reference. */
function timelineQuery(db: DB) {
  return db
    .selectFrom('interactions')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .leftJoin('users', 'users.id', 'interactions.author_id')
    .select([
      'interactions.id',
      'interactions.case_id as caseId',
      'cases.reference as caseReference',
      'interactions.channel',
      'interactions.direction',
      'interactions.subject',
      'interactions.text',
      'interactions.occurred_at as occurredAt',
      'interactions.duration_seconds as durationSeconds',
      'interactions.delivery_status as deliveryStatus',
      'interactions.metadata',
      'interactions.html_sanitized as htmlSanitized',
      'users.display_name as authorName',
      'interactions.citizen_id as citizenId',
      'cases.citizen_id as caseCitizenId',
      sql<number>`case when interactions.raw_sha256 is null then 0 else 1 end`.as('hasSource'),
    ]);
}
export type TimelineRow = Awaited<ReturnType<ReturnType<typeof timelineQuery>['execute']>>[number];

const caseTimeline = compiledQuery(
  (db, { caseId }: { caseId: number }, order: 'asc' | 'desc') =>
    timelineQuery(db)
      .where('interactions.case_id', '=', caseId)
      .orderBy('interactions.occurred_at', order)
      .orderBy('interactions.id', order),
  (order) => order,
);

export function timelineOfCase(db: DB, caseId: number, order: 'asc' | 'desc') {
  return caseTimeline(db, { caseId }, order);
}

const citizenTimeline = compiledQuery(
  (db, values: CitizenTimelineValues, shape: { mode: CaseAccess['mode']; paged: boolean }) => {
    const visible = visibleCases({ mode: shape.mode, userId: values.userId, teamIds: values.teamIds });
    let builder = timelineQuery(db)
      .leftJoin('teams', 'teams.id', 'cases.team_id')
      .select([
        sql<number>`case when ${visible} then 1 else 0 end`.as('visible'),
        'teams.name as teamName',
        'cases.status as caseStatus',
      ])
      .where('interactions.citizen_id', '=', values.citizenId)
      .where((eb) => eb.or([visible, eb('interactions.channel', '<>', 'note')]));
    if (values.channels.length > 0) builder = builder.where('interactions.channel', 'in', values.channels);
    if (shape.paged) {
      builder = builder.where((eb) =>
        eb(eb.refTuple('interactions.occurred_at', 'interactions.id'), '<', eb.tuple(values.occurredAt, values.id)),
      );
    }
    return builder.orderBy('interactions.occurred_at', 'desc').orderBy('interactions.id', 'desc').limit(values.limit);
  },
  (shape) => `${shape.mode}|${shape.paged}`,
);
interface CitizenTimelineValues {
  citizenId: number;
  userId: number;
  teamIds: readonly number[];
  channels: readonly Channel[];
  occurredAt: number;
  id: number;
  limit: number;
}

/**
 * A citizen's history across all cases, newest first, one keyset page at a time. Each entry says whether the reader
 * may see its case (`visible`, by `visibleCases`), with the case's team and status for those they may not;
 * internal notes of those cases are left out (they are that team's work, not a contact with the citizen).
 */
export function timelineOfCitizen(
  db: DB,
  query: {
    citizenId: number;
    access: CaseAccess;
    channels?: Channel[] | undefined;
    before?: { occurredAt: number; id: number } | undefined;
    limit: number;
  },
) {
  return citizenTimeline(
    db,
    {
      citizenId: query.citizenId,
      userId: query.access.userId,
      teamIds: query.access.teamIds,
      channels: query.channels ?? [],
      occurredAt: query.before?.occurredAt ?? 0,
      id: query.before?.id ?? 0,
      limit: query.limit,
    },
    { mode: query.access.mode, paged: query.before !== undefined },
  );
}

const attachmentsOfIds = compiledQuery((db, { ids }: { ids: readonly number[] }) =>
  db
    .selectFrom('attachments')
    .select([
      'id',
      'interaction_id as interactionId',
      'filename',
      'content_type as contentType',
      'size_bytes as sizeBytes',
      'content_id as contentId',
    ])
    .where('interaction_id', 'in', ids)
    .orderBy('id'),
);

/** Attachments of the given interactions, for the timeline. */
export function attachmentsOf(db: DB, interactionIds: readonly number[]) {
  if (interactionIds.length === 0) return Promise.resolve([]);
  return attachmentsOfIds(db, { ids: interactionIds });
}

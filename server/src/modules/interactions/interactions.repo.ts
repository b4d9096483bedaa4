import type { Channel } from '@anliegen/shared';
import { type Insertable, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { InteractionsTable } from '../../db/schema.js';

export async function insertInteraction(db: DB, interaction: Insertable<InteractionsTable>): Promise<number> {
  const row = await db.insertInto('interactions').values(interaction).returning('id').executeTakeFirstOrThrow();
  if (interaction.direction === 'inbound' && interaction.channel !== 'note') {
    await countContact(db, interaction.case_id, interaction.channel);
  }
  return row.id;
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
    ]);
}
export type TimelineRow = Awaited<ReturnType<ReturnType<typeof timelineQuery>['execute']>>[number];

export function timelineOfCase(db: DB, caseId: number, order: 'asc' | 'desc') {
  return timelineQuery(db)
    .where('interactions.case_id', '=', caseId)
    .orderBy('interactions.occurred_at', order)
    .orderBy('interactions.id', order)
    .execute();
}

/** A citizen's history across all cases, newest first, one keyset page at a time. */
export function timelineOfCitizen(
  db: DB,
  query: {
    citizenId: number;
    channels?: Channel[] | undefined;
    before?: { occurredAt: number; id: number } | undefined;
    limit: number;
  },
) {
  let builder = timelineQuery(db).where('interactions.citizen_id', '=', query.citizenId);
  if (query.channels && query.channels.length > 0) builder = builder.where('interactions.channel', 'in', query.channels);
  const before = query.before;
  if (before) {
    builder = builder.where((eb) =>
      eb(eb.refTuple('interactions.occurred_at', 'interactions.id'), '<', eb.tuple(before.occurredAt, before.id)),
    );
  }
  return builder.orderBy('interactions.occurred_at', 'desc').orderBy('interactions.id', 'desc').limit(query.limit).execute();
}

/** Attachments of the given interactions, for the timeline. */
export function attachmentsOf(db: DB, interactionIds: readonly number[]) {
  if (interactionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'interaction_id as interactionId', 'filename', 'content_type as contentType', 'size_bytes as sizeBytes'])
    .where('interaction_id', 'in', interactionIds)
    .orderBy('id')
    .execute();
}

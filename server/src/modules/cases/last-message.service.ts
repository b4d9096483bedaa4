import {
  type CaseStatus,
  type Channel,
  MESSAGE_PREVIEW_SOURCE_CHARS,
  messagePreview,
  OPEN_CASE_STATUSES,
} from '@anliegen/shared';
import { sql } from 'kysely';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';

/** What a case list shows of a case's last message: its first line, who spoke last, on which channel, when. */
export interface LastMessage {
  /** The first line of the writer's own words (messagePreview); null when there is none (a call without a note). */
  preview: string | null;
  channel: Channel;
  /** Inbound: the citizen (or someone for them) spoke last; outbound: the office did. */
  direction: 'inbound' | 'outbound';
  at: number;
}

export interface LastMessageFacts {
  lastMessage: LastMessage | null;
  /**
   * Since when the citizen has been waiting for an answer: the time of the newest message when it came from them and
   * the case is still open; null when the last word is the office's (or the case is done).
   */
  waitingSince: number | null;
}

/**
 * The newest message of each of the given cases, one query for a page of rows: per case, the newest interaction in
 * (case_id, occurred_at) that is a message (internal notes are not; neither are the desk's automatic mails, such as
 * an acknowledgment, which no person wrote), only its first characters. Anonymised cases are left out.
 */
const newestMessages = compiledQuery((db, { ids }: { ids: readonly number[] }) =>
  db
    .selectFrom('cases')
    .innerJoin('interactions', (join) =>
      join.on((eb) =>
        eb(
          'interactions.id',
          '=',
          eb
            .selectFrom('interactions as newest')
            .select('newest.id')
            .whereRef('newest.case_id', '=', 'cases.id')
            .where('newest.channel', '<>', 'note')
            .where((w) => w.or([w('newest.direction', '=', 'inbound'), w('newest.author_id', 'is not', null)]))
            .orderBy('newest.occurred_at', 'desc')
            .orderBy('newest.id', 'desc')
            .limit(1),
        ),
      ),
    )
    .select([
      'cases.id as caseId',
      'interactions.channel',
      'interactions.direction',
      'interactions.occurred_at as occurredAt',
      sql<string>`substr(interactions.text, 1, ${sql.lit(MESSAGE_PREVIEW_SOURCE_CHARS)})`.as('text'),
    ])
    .where('cases.id', 'in', ids)
    .where('cases.anonymised_at', 'is', null),
);

/** The last message and the citizen's waiting time of each listed case (a page of the inbox or of search results). */
export async function lastMessagesOf(
  db: DB,
  cases: readonly { id: number; status: CaseStatus }[],
): Promise<Map<number, LastMessageFacts>> {
  const result = new Map<number, LastMessageFacts>();
  if (cases.length === 0) return result;
  const rows = await newestMessages(db, { ids: [...new Set(cases.map((row) => row.id))] });
  const byCase = new Map(rows.map((row) => [row.caseId, row]));
  for (const { id, status } of cases) {
    const row = byCase.get(id);
    if (!row || row.direction === 'internal') {
      result.set(id, { lastMessage: null, waitingSince: null });
      continue;
    }
    const waiting = row.direction === 'inbound' && OPEN_CASE_STATUSES.includes(status);
    result.set(id, {
      lastMessage: {
        preview: messagePreview(row.text ?? ''),
        channel: row.channel,
        direction: row.direction,
        at: row.occurredAt,
      },
      waitingSince: waiting ? row.occurredAt : null,
    });
  }
  return result;
}

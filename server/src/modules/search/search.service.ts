import {
  type Channel,
  foldName,
  looksLikePhoneNumber,
  parseCaseReference,
  parseSearchQuery,
  type SearchFilters,
  type SearchTerm,
  type searchInput,
} from '@anliegen/shared';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { fullTextQuery, messageHits, messageSnippets, subjectHighlights, subjectHits } from '../../db/full-text.js';
import { appError } from '../../trpc/errors.js';
import { caseRows } from '../cases/case-list.service.js';
import { findCitizenIds, lookupCitizens } from '../citizens/citizens.service.js';
import { listTeamsWithMemberCount } from '../teams/teams.repo.js';
import { berlinDayRange } from './berlin-days.js';

type SearchInput = z.output<typeof searchInput>;

/** How many citizens the search shows above the cases, and how many a `from:` filter may stand for. */
const CITIZEN_RESULTS = 8;
const FROM_CITIZENS = 500;

/**
 * One search box for everything: citizens by name, email or phone; cases by reference, subject or message words,
 * ranked best first with the matched words marked; or, without words, a filtered list newest first.
 * Only caseworkers call it (the router's rule); they see every team's cases.
 */
export async function search(db: DB, input: SearchInput) {
  const parsed = parseSearchQuery(input.q);
  if (parsed.problems.length > 0) {
    throw appError('BAD_REQUEST', 'search.invalidQuery', `Cannot use ${parsed.problems.map((p) => p.token).join(', ')}`);
  }
  const text = parsed.terms.map((term) => term.text).join(' ');
  // A whole query that is an email address or a phone number ("030 123 45 67") means the person, not words.
  const contactQuery = parsed.terms.length > 0 && (looksLikePhoneNumber(text) || /^\S+@\S+$/.test(text));
  const scope = await caseScope(db, parsed.filters, contactQuery ? text : undefined);

  const citizens = input.cursor === 0 && parsed.terms.length > 0 ? await lookupCitizens(db, text, CITIZEN_RESULTS) : [];
  const query = contactQuery ? null : fullTextQuery(dialectOf(db), parsed.terms);
  if (!contactQuery && parsed.terms.length > 0 && query === null) return { citizens, cases: [], hasMore: false };

  const page = scope.empty
    ? []
    : query
      ? await rankedCases(db, query, scope, parsed.terms, input)
      : await recentCases(db, scope, input);
  const hasMore = page.length > input.limit;
  const ids = page.slice(0, input.limit).map((hit) => hit.caseId);
  return { citizens, cases: await withSnippets(db, query, ids, scope), hasMore };
}

/** The conditions a case and its matching message must meet, from the filters. */
interface CaseScope {
  /** A filter that matches nothing (an unknown sender): no query needed. */
  empty: boolean;
  cases: Expression<SqlBool>[];
  messages: Expression<SqlBool>[];
}

async function caseScope(db: DB, filters: SearchFilters, contact: string | undefined): Promise<CaseScope> {
  const cases: Expression<SqlBool>[] = [sql<SqlBool>`cases.merged_into_id is null`];
  const messages: Expression<SqlBool>[] = [];
  if (filters.statuses) cases.push(sql<SqlBool>`cases.status in (${sql.join(filters.statuses)})`);
  if (filters.team) {
    const wanted = foldName(filters.team);
    const teamIds = (await listTeamsWithMemberCount(db))
      .filter((team) => foldName(team.name).startsWith(wanted))
      .map((team) => team.id);
    if (teamIds.length === 0) throw appError('BAD_REQUEST', 'search.unknownTeam', `No team named ${filters.team}`);
    cases.push(sql<SqlBool>`cases.team_id in (${sql.join(teamIds)})`);
  }
  let empty = false;
  for (const who of [filters.from, contact]) {
    if (who === undefined) continue;
    const citizenIds = await findCitizenIds(db, who, FROM_CITIZENS);
    if (citizenIds.length === 0) empty = true;
    else cases.push(sql<SqlBool>`cases.citizen_id in (${sql.join(citizenIds)})`);
  }
  if (filters.channels) messages.push(sql<SqlBool>`interactions.channel in (${sql.join(filters.channels)})`);
  if (filters.dateFrom || filters.dateTo) {
    const { start, end } = berlinDayRange(filters.dateFrom, filters.dateTo);
    if (start !== undefined) messages.push(sql<SqlBool>`interactions.occurred_at >= ${start}`);
    if (end !== undefined) messages.push(sql<SqlBool>`interactions.occurred_at < ${end}`);
  }
  return { empty, cases, messages };
}

const all = (conditions: Expression<SqlBool>[]) =>
  conditions.length > 0 ? sql<SqlBool>`${sql.join(conditions, sql` and `)}` : sql<SqlBool>`1 = 1`;

/** Some message of the case meets the message filters (true when there are none). */
function hasMatchingMessage(scope: CaseScope): Expression<SqlBool> {
  if (scope.messages.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`exists (select 1 from interactions where interactions.case_id = cases.id and ${all(scope.messages)})`;
}

interface Hit {
  caseId: number;
}

/** Cases whose subject or messages contain the words, best first; a typed reference comes first of all. */
async function rankedCases(db: DB, query: string, scope: CaseScope, terms: SearchTerm[], input: SearchInput): Promise<Hit[]> {
  const dialect = dialectOf(db);
  const fromMessages = db
    .selectFrom(messageHits(dialect, query).as('hits'))
    .innerJoin('interactions', 'interactions.id', 'hits.interaction_id')
    .select(['interactions.case_id as case_id', 'hits.score as score'])
    .where(all(scope.messages));
  const fromSubjects = db.selectFrom(subjectHits(dialect, query).as('hits')).select(['hits.case_id', 'hits.score']);
  const references = terms.flatMap((term) => (parseCaseReference(term.text) ? [term.text.trim()] : []));
  const rows = await db
    .selectFrom(fromMessages.unionAll(fromSubjects).as('hits'))
    .innerJoin('cases', 'cases.id', 'hits.case_id')
    .select((eb) => ['cases.id as caseId', eb.fn.min('hits.score').as('score')])
    .where(all(scope.cases))
    .where(hasMatchingMessage(scope))
    .groupBy('cases.id')
    .orderBy('score')
    .orderBy('cases.id', 'desc')
    .limit(input.limit + 1)
    .offset(input.cursor)
    .execute();
  if (references.length === 0 || input.cursor > 0) return rows;
  const byReference = await db
    .selectFrom('cases')
    .select('cases.id as caseId')
    .where('cases.reference', 'in', references)
    .where(all(scope.cases))
    .execute();
  const first = new Set(byReference.map((row) => row.caseId));
  return [...byReference, ...rows.filter((row) => !first.has(row.caseId))];
}

/** Without words: the filtered cases, latest activity first. */
function recentCases(db: DB, scope: CaseScope, input: SearchInput): Promise<Hit[]> {
  return db
    .selectFrom('cases')
    .select('cases.id as caseId')
    .where(all(scope.cases))
    .where(hasMatchingMessage(scope))
    .orderBy('cases.updated_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(input.limit + 1)
    .offset(input.cursor)
    .execute();
}

/**
 * The cases as list rows, in the order given, each with what matched: the best matching message (an excerpt with
 * the words marked) or else the subject with the words marked.
 */
async function withSnippets(db: DB, query: string | null, caseIds: number[], scope: CaseScope) {
  if (caseIds.length === 0) return [];
  const rows = await caseRows(db).where('cases.id', 'in', caseIds).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const best = query ? await bestMessages(db, query, caseIds, scope) : new Map<number, BestMessage>();
  const snippets = query
    ? await messageSnippets(
        db,
        query,
        [...best.values()].map((message) => message.id),
      )
    : new Map<number, string>();
  const subjects = query ? await subjectHighlights(db, query, caseIds) : new Map<number, string>();
  return caseIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const message = best.get(id);
    const snippet = message && snippets.get(message.id);
    return [
      {
        ...row,
        highlightedSubject: subjects.get(id) ?? null,
        match:
          message && snippet
            ? { interactionId: message.id, channel: message.channel, occurredAt: message.occurredAt, snippet }
            : null,
      },
    ];
  });
}

interface BestMessage {
  id: number;
  channel: Channel;
  occurredAt: number;
}

async function bestMessages(db: DB, query: string, caseIds: number[], scope: CaseScope): Promise<Map<number, BestMessage>> {
  const hits = await db
    .selectFrom(messageHits(dialectOf(db), query).as('hits'))
    .innerJoin('interactions', 'interactions.id', 'hits.interaction_id')
    .select(['interactions.id', 'interactions.case_id', 'interactions.channel', 'interactions.occurred_at', 'hits.score'])
    .where('interactions.case_id', 'in', caseIds)
    .where(all(scope.messages))
    .orderBy('hits.score')
    .orderBy('interactions.occurred_at', 'desc')
    .execute();
  const best = new Map<number, BestMessage>();
  for (const hit of hits) {
    if (!best.has(hit.case_id)) best.set(hit.case_id, { id: hit.id, channel: hit.channel, occurredAt: Number(hit.occurred_at) });
  }
  return best;
}

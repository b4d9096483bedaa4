import {
  berlinDayRange,
  foldName,
  looksLikePhoneNumber,
  OPEN_CASE_STATUSES,
  berlinParts,
  parseCaseReference,
  parseSearchQuery,
  referencesMeant,
  tagKey,
  typoDistance,
  type SearchFilters,
  type SearchTerm,
  type searchInput,
} from '@anliegen/shared';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import { type DialectName, dialectOf } from '../../db/dialect.js';
import {
  countMessageMatches,
  fullTextQuery,
  messageHits,
  messageMatches,
  messagePartMatches,
  partsQuery,
  type QueryTerm,
  subjectHits,
  subjectPartMatches,
} from '../../db/full-text.js';
import { DomainError } from '../../domain/domain-error.js';
import { type CaseAccess, visibleCases } from '../cases/case-access.js';
import { filterOnly, filterOnlyCondition, notMerged, OPEN_CASE } from '../cases/case-conditions.js';
import { caseRows } from '../cases/case-list.service.js';
import { lastMessagesOf } from '../cases/last-message.service.js';
import { findCitizenIds, lookupCitizens, lookupSimilarCitizens } from '../citizens/citizens.service.js';
import { listTeamsWithMemberCount } from '../teams/teams.service.js';
import { tagIdsByNames, tagsOfCases } from '../tags/tags.service.js';
import { similarWords } from './similar-words.js';
import { excerpt, highlight } from './snippet.js';

type SearchInput = z.output<typeof searchInput>;

/** How many citizens the search shows above the cases, and how many a `from:` filter may stand for. */
const CITIZEN_RESULTS = 8;
const FROM_CITIZENS = 500;
/**
 * Above this many matching messages a query is broad ("Nachricht", "bitte"): ranking every match would cost more
 * than it tells, so the cases with the latest recorded matching messages come first instead.
 */
const RANKED_MATCHES = 2000;
/** How many words of a query may be looked up for similar words (issue 23). */
const SIMILAR_TERMS = 3;

/**
 * One search box for everything: citizens by name, email or phone; cases by reference, subject or message words,
 * ranked best first with the matched words marked; or, without words, a filtered list newest first.
 * Only caseworkers call it (the router's rule); they find the cases they may see (`CASE_ACCESS`).
 */
export async function search(
  db: DB,
  access: CaseAccess,
  input: SearchInput,
  options: { rankedMatches?: number; now?: number } = {},
) {
  const parsed = parseSearchQuery(input.q);
  if (parsed.problems.length > 0) {
    throw new DomainError('search.invalidQuery', `Cannot use ${parsed.problems.map((p) => p.token).join(', ')}`);
  }
  const text = parsed.terms.map((term) => term.text).join(' ');
  // The whole query read as a reference ("a 2026 423", "423"), or references among its words.
  const wholeReference = referencesMeant(text, berlinParts(options.now ?? Date.now()).year);
  const references = [
    ...wholeReference,
    ...parsed.terms.flatMap((term) => (parseCaseReference(term.text) ? [term.text.trim()] : [])),
  ];
  // A whole query that is an email address or a phone number ("030 123 45 67") means the person, not words.
  const contactQuery =
    wholeReference.length === 0 && parsed.terms.length > 0 && (looksLikePhoneNumber(text) || /^\S+@\S+$/.test(text));
  const scope = await caseScope(db, access, parsed.filters, contactQuery ? text : undefined);

  const query = contactQuery ? null : fullTextQuery(dialectOf(db), parsed.terms);
  // Words of punctuation only find nothing, rather than everything.
  const searchable = contactQuery || parsed.terms.length === 0 || query !== null;
  const page =
    scope.empty || !searchable
      ? []
      : pageOf(
          await hitsOf(db, query, scope, parsed.terms, references, input, { ...options, extend: wholeReference.length === 0 }),
          input,
        );
  // Similar names only when the words did not fill the page: a word that finds its cases is no misspelt name.
  const wordsFilled = page.length > input.limit && page.every((hit) => hit.found !== 'part' && hit.found !== 'similar');
  const citizens = input.cursor === 0 && parsed.terms.length > 0 ? await citizensFor(db, text, !wordsFilled) : [];
  return { citizens, cases: await resultRows(db, page.slice(0, input.limit), parsed.terms), hasMore: page.length > input.limit };
}

/**
 * The search's hits in order: typed references first, then the cases matching the words (ranked, or for a broad
 * query by their latest match), then, while the page is not full, cases holding the words as parts of longer words
 * ("Laterne" in "Straßenlaterne"), then cases holding words the typed ones are likely typos of; these two not for a
 * query that is a reference (`extend`: "2026 423" means that case, not texts with "2026"). Without words, the
 * filtered cases by latest activity.
 */
async function hitsOf(
  db: DB,
  query: string | null,
  scope: CaseScope,
  terms: SearchTerm[],
  references: string[],
  input: SearchInput,
  options: { rankedMatches?: number; extend: boolean },
): Promise<Hit[]> {
  if (!query) return recentCases(db, scope, input);
  const wanted = input.cursor + input.limit + 1;
  const hits = references.length === 0 ? [] : await referenceHits(db, scope, references);
  const rankedMatches = options.rankedMatches ?? RANKED_MATCHES;
  if ((await countMessageMatches(db, query, rankedMatches + 1)) > rankedMatches) {
    return [...hits, ...(await casesWithNewestMatches(db, query, scope, input))];
  }
  hits.push(...(await rankedCases(db, query, scope, wanted)));
  if (!options.extend || distinctCases(hits) >= wanted) return hits;
  const parts = partsQuery(terms);
  if (parts) hits.push(...(await partHits(db, parts, scope, wanted)));
  if (distinctCases(hits) >= wanted) return hits;
  hits.push(...(await similarHits(db, scope, terms, input)));
  return hits;
}

const distinctCases = (hits: Hit[]) => new Set(hits.map((hit) => hit.caseId)).size;

/**
 * Citizens by name, email or phone; with `similar`, when a name finds fewer than a handful, people whose name is a
 * few letters from it follow ("Schnieder" → Schneider), marked as similar.
 */
async function citizensFor(db: DB, text: string, similar: boolean) {
  const exact = (await lookupCitizens(db, text, CITIZEN_RESULTS)).map((citizen) => ({ ...citizen, similar: false }));
  if (!similar || exact.length >= CITIZEN_RESULTS) return exact;
  const known = new Set(exact.map((citizen) => citizen.id));
  const alike = (await lookupSimilarCitizens(db, text, CITIZEN_RESULTS))
    .filter((citizen) => !known.has(citizen.id))
    .map((citizen) => ({ ...citizen, similar: true }));
  return [...exact, ...alike].slice(0, CITIZEN_RESULTS);
}

/**
 * What a case and its matching message must meet, from the filters and who searches, as values: the queries are
 * compiled once per shape (compiledQuery), an empty list being a filter not given.
 */
interface CaseScope {
  /** A filter that matches nothing (an unknown sender): no query needed. */
  empty: boolean;
  values: ScopeValues;
  shape: ScopeShape;
}
interface ScopeValues {
  statuses: readonly string[];
  teamIds: readonly number[];
  /** Citizens of the `from:` filter, and of a query that is a phone number or email address. */
  fromCitizenIds: readonly number[];
  contactCitizenIds: readonly number[];
  channels: readonly string[];
  /** `tag:` filters: the case carries each of these tags. */
  tagIds: readonly number[];
  start: number;
  end: number;
  userId: number;
  accessTeamIds: readonly number[];
}
interface ScopeShape {
  mode: CaseAccess['mode'];
  start: boolean;
  end: boolean;
  /** The status filter names open statuses only. */
  openOnly: boolean;
}
const scopeKey = (shape: ScopeShape) => `${shape.mode}|${shape.start}|${shape.end}|${shape.openOnly}`;

async function caseScope(db: DB, access: CaseAccess, filters: SearchFilters, contact: string | undefined): Promise<CaseScope> {
  let teamIds: number[] = [];
  if (filters.team) {
    const wanted = foldName(filters.team);
    teamIds = (await listTeamsWithMemberCount(db))
      .filter((team) => foldName(team.name).startsWith(wanted))
      .map((team) => team.id);
    if (teamIds.length === 0) throw new DomainError('search.unknownTeam', `No team named ${filters.team}`);
  }
  let empty = false;
  const citizensOf = async (who: string | undefined) => {
    if (who === undefined) return [];
    const citizenIds = await findCitizenIds(db, who, FROM_CITIZENS);
    if (citizenIds.length === 0) empty = true;
    return citizenIds;
  };
  // Tags by name (any case); an unknown one is a mistake to point at, like an unknown team.
  const tagIds: number[] = [];
  if (filters.tags) {
    const known = await tagIdsByNames(db, filters.tags);
    for (const name of filters.tags) {
      const id = known.get(tagKey(name));
      if (id === undefined) throw new DomainError('search.unknownTag', `No tag named ${name}`);
      tagIds.push(id);
    }
  }
  const fromCitizenIds = await citizensOf(filters.from);
  const contactCitizenIds = await citizensOf(contact);
  const { start, end } = filters.dateFrom || filters.dateTo ? berlinDayRange(filters.dateFrom, filters.dateTo) : {};
  return {
    empty,
    values: {
      statuses: filters.statuses ?? [],
      teamIds,
      fromCitizenIds,
      contactCitizenIds,
      channels: filters.channels ?? [],
      tagIds,
      start: start ?? 0,
      end: end ?? 0,
      userId: access.userId,
      accessTeamIds: access.teamIds,
    },
    shape: {
      mode: access.mode,
      start: start !== undefined,
      end: end !== undefined,
      openOnly: filters.statuses?.every((status) => OPEN_CASE_STATUSES.includes(status)) ?? false,
    },
  };
}

/**
 * The conditions on the case (not merged, the filters, visible to the reader), joined by "and". As in the inbox, the
 * planner may only filter by them (filterOnly), so a search without words reads cases by last update in index order
 * and stops after a page; only the citizens of `from:` (a few cases) are sought. Open statuses alone read the open
 * cases' index.
 */
function caseConditions(dialect: DialectName, values: ScopeValues, shape: ScopeShape): Expression<SqlBool> {
  const only = (column: string) => filterOnly(dialect, column);
  const cases: Expression<SqlBool>[] = [notMerged(dialect)];
  if (values.statuses.length > 0) cases.push(sql<SqlBool>`${only('cases.status')} in (${sql.join(values.statuses)})`);
  if (shape.openOnly) cases.push(OPEN_CASE);
  if (values.teamIds.length > 0) cases.push(sql<SqlBool>`${only('cases.team_id')} in (${sql.join(values.teamIds)})`);
  for (const citizenIds of [values.fromCitizenIds, values.contactCitizenIds]) {
    if (citizenIds.length > 0) cases.push(sql<SqlBool>`cases.citizen_id in (${sql.join(citizenIds)})`);
  }
  // A tag: one lookup in (case_id, tag_id) per case read, as the inbox's filter on common tags.
  for (const tagId of values.tagIds) {
    cases.push(
      filterOnlyCondition(
        dialect,
        sql<SqlBool>`exists (select 1 from case_tags where case_tags.case_id = cases.id and case_tags.tag_id = ${tagId})`,
      ),
    );
  }
  const visible = visibleCases({ mode: shape.mode, userId: values.userId, teamIds: values.accessTeamIds });
  cases.push(filterOnlyCondition(dialect, visible));
  return all(cases);
}

/** The conditions on the matching message (the channel and date filters). */
function messageConditions(values: ScopeValues, shape: ScopeShape): Expression<SqlBool>[] {
  const messages: Expression<SqlBool>[] = [];
  if (values.channels.length > 0) messages.push(sql<SqlBool>`interactions.channel in (${sql.join(values.channels)})`);
  if (shape.start) messages.push(sql<SqlBool>`interactions.occurred_at >= ${values.start}`);
  if (shape.end) messages.push(sql<SqlBool>`interactions.occurred_at < ${values.end}`);
  return messages;
}

const all = (conditions: Expression<SqlBool>[]) =>
  conditions.length > 0 ? sql<SqlBool>`${sql.join(conditions, sql` and `)}` : sql<SqlBool>`1 = 1`;

/** Some message of the case meets the message filters (true when there are none). */
function hasMatchingMessage(values: ScopeValues, shape: ScopeShape): Expression<SqlBool> {
  const messages = messageConditions(values, shape);
  if (messages.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`exists (select 1 from interactions where interactions.case_id = cases.id and ${all(messages)})`;
}

/**
 * A case found, with the message that matched best (none when only the subject or a filter matched), and how:
 * by its words (`word`), by parts of longer words (`part`), or by words similar to the typed ones (`similar`, with
 * those words).
 */
interface Hit {
  caseId: number;
  interactionId?: number | null;
  found?: 'word' | 'part' | 'similar';
  similarTerms?: SearchTerm[];
}

/** Hits best first, each case once (at its best hit), the page from `cursor` plus one more to tell if more exist. */
function pageOf(hits: Hit[], input: SearchInput): Hit[] {
  const seen = new Set<number>();
  const cases = hits.filter((hit) => !seen.has(hit.caseId) && seen.add(hit.caseId));
  return cases.slice(input.cursor, input.cursor + input.limit + 1);
}

type Matching = ScopeValues & { query: string };

const messageHitsInScope = compiledQuery(
  (db, values: Matching, shape: ScopeShape) =>
    db
      .selectFrom(messageHits(dialectOf(db), values.query).as('hits'))
      .innerJoin('interactions', 'interactions.id', 'hits.interaction_id')
      .innerJoin('cases', 'cases.id', 'interactions.case_id')
      .select(['cases.id as caseId', 'interactions.id as interactionId', 'hits.score'])
      .where(all(messageConditions(values, shape)))
      .where(caseConditions(dialectOf(db), values, shape)),
  scopeKey,
);
const subjectHitsInScope = compiledQuery(
  (db, values: Matching & { limit: number }, shape: ScopeShape) =>
    db
      .selectFrom(subjectHits(dialectOf(db), values.query).as('hits'))
      .innerJoin('cases', 'cases.id', 'hits.case_id')
      .select(['cases.id as caseId', 'hits.score'])
      .where(caseConditions(dialectOf(db), values, shape))
      .where(hasMatchingMessage(values, shape))
      .orderBy('hits.score')
      .limit(values.limit),
  scopeKey,
);
const referencesInScope = compiledQuery(
  (db, values: ScopeValues & { references: readonly string[] }, shape: ScopeShape) =>
    db
      .selectFrom('cases')
      .select(['cases.id as caseId', 'cases.reference'])
      .where('cases.reference', 'in', values.references)
      .where(caseConditions(dialectOf(db), values, shape)),
  scopeKey,
);

/** The cases of the references, in the order given (this year's first), within the scope. */
async function referenceHits(db: DB, scope: CaseScope, references: string[]): Promise<Hit[]> {
  const rows = await referencesInScope(db, { ...scope.values, references }, scope.shape);
  const order = new Map(references.map((reference, index) => [reference, index]));
  return rows
    .sort((a, b) => (order.get(a.reference) ?? 0) - (order.get(b.reference) ?? 0))
    .map((row) => ({ caseId: row.caseId, found: 'word' as const }));
}

/**
 * Cases whose subject or messages contain the words, best first.
 * Only for focused queries (at most RANKED_MATCHES messages), so scoring every match is cheap.
 */
async function rankedCases(db: DB, query: string, scope: CaseScope, wanted: number): Promise<Hit[]> {
  const fromMessages = await messageHitsInScope(db, { ...scope.values, query }, scope.shape);
  // Subjects can match more often than messages; the best `wanted` of them are all a page can use.
  const fromSubjects = await subjectHitsInScope(db, { ...scope.values, query, limit: wanted }, scope.shape);
  const ranked = [...fromMessages, ...fromSubjects.map((hit) => ({ ...hit, interactionId: null }))].sort(
    (a, b) => Number(a.score) - Number(b.score) || b.caseId - a.caseId,
  );
  // A case found by its subject still shows its best matching message, when one matched.
  const bestMessage = new Map<number, number>();
  for (const hit of ranked) if (hit.interactionId && !bestMessage.has(hit.caseId)) bestMessage.set(hit.caseId, hit.interactionId);
  return ranked.map((hit) => ({ caseId: hit.caseId, interactionId: bestMessage.get(hit.caseId) ?? null, found: 'word' }));
}

/** Cases whose subject or messages hold the words inside longer words, latest first (issue 23). */
async function partHits(db: DB, parts: string[][], scope: CaseScope, wanted: number): Promise<Hit[]> {
  const dialect = dialectOf(db);
  const messages = await db
    .selectFrom(messagePartMatches(dialect, parts).as('matches'))
    .innerJoin('interactions', 'interactions.id', 'matches.interaction_id')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .select(['cases.id as caseId', 'interactions.id as interactionId'])
    .where(all(messageConditions(scope.values, scope.shape)))
    .where(caseConditions(dialect, scope.values, scope.shape))
    .orderBy('matches.interaction_id', 'desc')
    .limit(wanted * 4)
    .execute();
  const subjects = await db
    .selectFrom(subjectPartMatches(dialect, parts).as('matches'))
    .innerJoin('cases', 'cases.id', 'matches.case_id')
    .select('cases.id as caseId')
    .where(caseConditions(dialect, scope.values, scope.shape))
    .where(hasMatchingMessage(scope.values, scope.shape))
    .orderBy('matches.case_id', 'desc')
    .limit(wanted)
    .execute();
  const bestMessage = new Map<number, number>();
  for (const hit of messages) if (!bestMessage.has(hit.caseId)) bestMessage.set(hit.caseId, hit.interactionId);
  return [...subjects, ...messages].map((hit) => ({
    caseId: hit.caseId,
    interactionId: bestMessage.get(hit.caseId) ?? null,
    found: 'part' as const,
  }));
}

/**
 * Cases holding words the typed ones are likely typos of ("Hundesteur" → "Hundesteuer"): every word term of five
 * letters or more may also be its similar words; ranked as word hits are (or, when the similar words are common, by
 * their latest match), after them.
 */
async function similarHits(db: DB, scope: CaseScope, terms: SearchTerm[], input: SearchInput): Promise<Hit[]> {
  // A few words at most: each costs some reads, and a query of fifty words is no typed question.
  const typed = terms.filter((term) => term.kind === 'word' && typoDistance([...term.text].length) > 0).slice(0, SIMILAR_TERMS);
  const expanded: QueryTerm[] = await Promise.all(
    terms.map(async (term) => (typed.includes(term) ? { ...term, alternatives: await similarWords(db, term.text) } : term)),
  );
  const alternatives = expanded.flatMap((term) => term.alternatives ?? []);
  if (alternatives.length === 0) return [];
  const query = fullTextQuery(dialectOf(db), expanded);
  if (!query) return [];
  const broad = (await countMessageMatches(db, query, RANKED_MATCHES + 1)) > RANKED_MATCHES;
  const hits = broad
    ? await casesWithNewestMatches(db, query, scope, input)
    : await rankedCases(db, query, scope, input.cursor + input.limit + 1);
  const similarTerms: SearchTerm[] = alternatives.map((text) => ({ kind: 'word', text }));
  return hits.map((hit) => ({ ...hit, found: 'similar', similarTerms }));
}

const newestMatchesInScope = compiledQuery(
  (db, values: Matching & { limit: number }, shape: ScopeShape) =>
    db
      .selectFrom(messageMatches(dialectOf(db), values.query).as('matches'))
      .innerJoin('interactions', 'interactions.id', 'matches.interaction_id')
      .innerJoin('cases', 'cases.id', 'interactions.case_id')
      .select(['cases.id as caseId', 'interactions.id as interactionId'])
      .where(all(messageConditions(values, shape)))
      .where(caseConditions(dialectOf(db), values, shape))
      .orderBy('matches.interaction_id', 'desc')
      .limit(values.limit),
  scopeKey,
);

/**
 * For a broad query: cases by their latest recorded matching message (highest id, which the index reads in order).
 * Reads matches from the latest and stops as soon as the page is full: the cost follows the page, not the matches.
 */
async function casesWithNewestMatches(db: DB, query: string, scope: CaseScope, input: SearchInput): Promise<Hit[]> {
  const wanted = input.cursor + input.limit + 1;
  for (let batch = wanted * 4; ; batch *= 4) {
    const rows = await newestMatchesInScope(db, { ...scope.values, query, limit: batch }, scope.shape);
    if (new Set(rows.map((row) => row.caseId)).size >= wanted || rows.length < batch) return rows;
  }
}

const recentInScope = compiledQuery(
  (db, values: ScopeValues & { limit: number }, shape: ScopeShape) =>
    db
      .selectFrom('cases')
      .select('cases.id as caseId')
      .where(caseConditions(dialectOf(db), values, shape))
      .where(hasMatchingMessage(values, shape))
      .orderBy('cases.updated_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(values.limit),
  scopeKey,
);

/** Without words: the filtered cases, latest activity first, up to the page's end. */
function recentCases(db: DB, scope: CaseScope, input: SearchInput): Promise<Hit[]> {
  return recentInScope(db, { ...scope.values, limit: input.cursor + input.limit + 1 }, scope.shape);
}

const casesByIds = compiledQuery((db, { ids }: { ids: readonly number[] }) => caseRows(db).where('cases.id', 'in', ids));
const messagesByIds = compiledQuery((db, { ids }: { ids: readonly number[] }) =>
  db.selectFrom('interactions').select(['id', 'channel', 'occurred_at', 'subject', 'text']).where('id', 'in', ids),
);

/**
 * The page's cases as list rows, in rank order, each with what matched and how (`found`): the subject and an excerpt
 * of the best matching message, the searched words marked.
 */
async function resultRows(db: DB, page: Hit[], terms: SearchTerm[]) {
  if (page.length === 0) return [];
  const rows = await casesByIds(db, { ids: page.map((hit) => hit.caseId) });
  const messageIds = page.flatMap((hit) => (hit.interactionId ? [hit.interactionId] : []));
  const messages = messageIds.length === 0 ? [] : await messagesByIds(db, { ids: messageIds });
  const tags = await tagsOfCases(
    db,
    rows.map((row) => row.id),
  );
  const lastMessages = await lastMessagesOf(db, rows);
  const byCase = new Map(rows.map((row) => [row.id, row]));
  const byMessage = new Map(messages.map((message) => [message.id, message]));
  return page.flatMap((hit) => {
    const row = byCase.get(hit.caseId);
    if (!row) return [];
    const message = hit.interactionId ? byMessage.get(hit.interactionId) : undefined;
    // Similar words mark what was found in place of the typed ones; parts mark the longer words holding them.
    const marks = hit.similarTerms ?? terms;
    const mode = hit.found === 'part' ? 'inside' : 'start';
    return [
      {
        ...row,
        found: hit.found ?? 'word',
        tags: tags.get(row.id) ?? [],
        lastMessage: lastMessages.get(row.id)?.lastMessage ?? null,
        waitingSince: lastMessages.get(row.id)?.waitingSince ?? null,
        highlightedSubject: terms.length > 0 ? highlight(row.subject, marks, mode) : null,
        match: message
          ? {
              interactionId: message.id,
              channel: message.channel,
              occurredAt: Number(message.occurred_at),
              snippet: excerpt(message.subject ? `${message.subject}: ${message.text}` : message.text, marks, mode),
            }
          : null,
      },
    ];
  });
}

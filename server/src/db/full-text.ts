import type { SearchTerm } from '@anliegen/shared';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from './database.js';
import { dialectOf, type DialectName } from './dialect.js';

/**
 * Full-text search, the one place where SQLite (FTS5, see the search migration) and PostgreSQL (tsvector, German
 * configuration) differ. Scores are "lower is better" on both, so callers can rank without knowing the dialect.
 */

/** A letter/digit run: the only thing that reaches a full-text query, so no operator can be smuggled in. */
const WORD_PART = /[\p{L}\p{N}]+/gu;

/**
 * Spellings of one word (or phrase) that mean the same in German: "Straße"/"Strasse", "Müller"/"Mueller". SQLite's
 * tokenizer already folds "Müller" to "muller" and PostgreSQL's stemmer folds ß and umlauts; the transliterations are
 * the rest. An "ae", "oe", "ue" or "ss" may be an umlaut or ß spelled out, or just those letters ("ueberquellend":
 * "über" but "quell"; "Strasse … muss": "Straße" but "muss"), so each of up to five of them is taken both ways; with
 * more, all one way or all the other.
 */
function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  const spelledOut = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  return [...new Set([lower, spelledOut, ...letterChoices(spelledOut)])];
}

const LETTER_OF: Record<string, string> = { ae: 'ä', oe: 'ö', ue: 'ü', ss: 'ß' };
const MAX_CHOICES = 5;

/** The text with each "ae", "oe", "ue" and "ss" kept or made one letter, every combination (see spellings). */
function letterChoices(text: string): string[] {
  const pieces = text.split(/(ae|oe|ue|ss)/);
  const pairs = (pieces.length - 1) / 2;
  const spell = (made: (pair: number) => boolean) =>
    pieces.map((piece, at) => (at % 2 === 1 && made((at - 1) / 2) ? LETTER_OF[piece] : piece)).join('');
  if (pairs > MAX_CHOICES) return [spell(() => true)];
  return Array.from({ length: 2 ** pairs }, (_, choice) => spell((pair) => (choice & (1 << pair)) !== 0));
}

/** A term of the query, with words it may also be (similar spellings the search found for a typo). */
export type QueryTerm = SearchTerm & { alternatives?: readonly string[] };

/**
 * The dialect's query text for terms that must all occur: a word matches as a prefix ("Antr" finds "Antrag"),
 * a phrase matches its words in order, a word with alternatives any of them. Null when no term has a letter or digit.
 */
export function fullTextQuery(dialect: DialectName, terms: QueryTerm[]): string | null {
  const parts = terms.flatMap((term) => {
    const words = term.text.match(WORD_PART) ?? [];
    if (words.length === 0) return [];
    // A phrase in each spelling of the whole ("Strasse" and "Straße", "Gruenanlage" and "Grünanlage" alike).
    const phrases = term.kind === 'phrase' ? spellings(words.join(' ')).map((phrase) => phrase.split(' ')) : [];
    if (dialect === 'sqlite') {
      if (term.kind === 'phrase') return [`(${phrases.map((phrase) => `"${phrase.join(' ')}"`).join(' OR ')})`];
      // "E-Mail" is two tokens in the index: a phrase of them, the last one a prefix.
      if (words.length > 1) return [`"${words.join(' ')}"*`];
      return [
        `(${variants(words[0] as string, term.alternatives)
          .map((spelling) => `"${spelling}"*`)
          .join(' OR ')})`,
      ];
    }
    if (term.kind === 'phrase') return [`(${phrases.map((phrase) => `(${phrase.join(' <-> ')})`).join(' | ')})`];
    if (words.length > 1) return [`(${words.map((word, i) => (i === words.length - 1 ? `${word}:*` : word)).join(' <-> ')})`];
    return [
      `(${variants(words[0] as string, term.alternatives)
        .map((spelling) => `${spelling}:*`)
        .join(' | ')})`,
    ];
  });
  if (parts.length === 0) return null;
  return parts.join(dialect === 'sqlite' ? ' AND ' : ' & ');
}

/** The spellings of a word and of its alternatives (letters and digits only, as every word of a query). */
function variants(word: string, alternatives: readonly string[] = []): string[] {
  const words = [word, ...alternatives.flatMap((alternative) => alternative.match(WORD_PART) ?? [])];
  return [...new Set(words.flatMap(spellings))];
}

/**
 * What the parts indexes look for (issue 23): for every term, the spellings of which one must occur anywhere in the
 * text, also inside a longer word ("laterne" in "Straßenlaterne"); a phrase as its words with single spaces. Null
 * when a term cannot be looked for so: shorter than three letters (a trigram) or a word of several parts ("E-Mail").
 */
export function partsQuery(terms: SearchTerm[]): string[][] | null {
  if (terms.length === 0) return null;
  const parts: string[][] = [];
  for (const term of terms) {
    const words = term.text.match(WORD_PART) ?? [];
    if (words.length === 0 || (term.kind === 'word' && words.length > 1)) return null;
    const text = words.join(' ');
    if ([...text].length < 3) return null;
    parts.push(spellings(text));
  }
  return parts;
}

/** The parts condition on a lower-cased text (PostgreSQL): every term by one of its spellings. */
function partsCondition(text: RawBuilder<string>, parts: string[][]): RawBuilder<SqlBool> {
  // Spellings are letters, digits and spaces only: nothing in them is a LIKE wildcard.
  const term = (spellings: string[]) =>
    sql`(${sql.join(
      spellings.map((spelling) => sql`${text} like ${`%${spelling}%`}`),
      sql` or `,
    )})`;
  return sql<SqlBool>`${sql.join(parts.map(term), sql` and `)}`;
}

/** The parts query for FTS5's trigram tokenizer: quoted strings are substrings, folded as the index folds. */
function trigramMatch(parts: string[][]): string {
  return parts.map((spellings) => `(${spellings.map((spelling) => `"${spelling}"`).join(' OR ')})`).join(' AND ');
}

/** Messages containing the parts: rows of `interaction_id`. */
export function messagePartMatches(dialect: DialectName, parts: string[][]): RawBuilder<{ interaction_id: number }> {
  return dialect === 'sqlite'
    ? sql`(select rowid as interaction_id from interactions_parts where interactions_parts match ${trigramMatch(parts)})`
    : sql`(select id as interaction_id from interactions
           where ${partsCondition(sql`lower(coalesce(subject, '') || ' ' || text)`, parts)})`;
}

/** Case subjects containing the parts: rows of `case_id`. */
export function subjectPartMatches(dialect: DialectName, parts: string[][]): RawBuilder<{ case_id: number }> {
  return dialect === 'sqlite'
    ? sql`(select rowid as case_id from cases_parts where cases_parts match ${trigramMatch(parts)})`
    : sql`(select id as case_id from cases where ${partsCondition(sql`lower(subject)`, parts)})`;
}

/** Messages (subject and text) matching `query`: rows of `interaction_id` and `score`. */
export function messageHits(dialect: DialectName, query: string): RawBuilder<{ interaction_id: number; score: number }> {
  return dialect === 'sqlite'
    ? sql`(select rowid as interaction_id, bm25(interactions_fts, 2.0, 1.0) as score
           from interactions_fts where interactions_fts match ${query})`
    : sql`(select id as interaction_id, -ts_rank_cd(search_vector, to_tsquery('german', ${query})) as score
           from interactions where search_vector @@ to_tsquery('german', ${query}))`;
}

/** Messages matching `query`, without scores: rows of `interaction_id`, cheapest to read newest first. */
export function messageMatches(dialect: DialectName, query: string): RawBuilder<{ interaction_id: number }> {
  return dialect === 'sqlite'
    ? sql`(select rowid as interaction_id from interactions_fts where interactions_fts match ${query})`
    : sql`(select id as interaction_id from interactions where search_vector @@ to_tsquery('german', ${query}))`;
}

/** How many messages match, counting no further than `cap`: enough to tell a focused query from a broad one. */
export async function countMessageMatches(db: DB, query: string, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from ${messageMatches(dialectOf(db), query)}
    as matches limit ${cap}) as capped`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Case subjects matching `query`: rows of `case_id` and `score`; a subject hit counts double a message hit. */
export function subjectHits(dialect: DialectName, query: string): RawBuilder<{ case_id: number; score: number }> {
  return dialect === 'sqlite'
    ? sql`(select rowid as case_id, 2 * bm25(cases_fts) as score from cases_fts where cases_fts match ${query})`
    : sql`(select id as case_id, -2 * ts_rank_cd(to_tsvector('german', subject), to_tsquery('german', ${query})) as score
           from cases where to_tsvector('german', subject) @@ to_tsquery('german', ${query}))`;
}

/**
 * Rebuilds the indexes from the stored text, for a restored backup or a changed tokenizer. Writes keep them current
 * without this. Returns the number of messages and cases indexed.
 */
export async function rebuildFullTextIndexes(db: DB): Promise<{ messages: number; cases: number }> {
  if (dialectOf(db) === 'sqlite') {
    await sql`insert into interactions_fts(interactions_fts) values ('rebuild')`.execute(db);
    await sql`insert into cases_fts(cases_fts) values ('rebuild')`.execute(db);
    await sql`insert into interactions_parts(interactions_parts) values ('rebuild')`.execute(db);
    await sql`insert into cases_parts(cases_parts) values ('rebuild')`.execute(db);
  } else {
    await sql`reindex index interactions_search_idx`.execute(db);
    await sql`reindex index cases_search_idx`.execute(db);
    await sql`reindex index interactions_parts_idx`.execute(db);
    await sql`reindex index cases_parts_idx`.execute(db);
  }
  const counts = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('interactions').select(eb.fn.countAll<number>().as('n')).as('messages'),
      eb.selectFrom('cases').select(eb.fn.countAll<number>().as('n')).as('cases'),
    ])
    .executeTakeFirstOrThrow();
  return { messages: Number(counts.messages), cases: Number(counts.cases) };
}

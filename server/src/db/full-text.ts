import type { SearchTerm } from '@anliegen/shared';
import { sql, type RawBuilder } from 'kysely';
import type { DB } from './database.js';
import { dialectOf, type DialectName } from './dialect.js';

/**
 * Full-text search, the one place where SQLite (FTS5, see the search migration) and PostgreSQL (tsvector, German
 * configuration) differ. Scores are "lower is better" on both, so callers can rank without knowing the dialect.
 */

/** A letter/digit run: the only thing that reaches a full-text query, so no operator can be smuggled in. */
const WORD_PART = /[\p{L}\p{N}]+/gu;

/**
 * Spellings of one word that mean the same in German: "Straße"/"Strasse", "Müller"/"Mueller". SQLite's tokenizer
 * already folds "Müller" to "muller" and PostgreSQL's stemmer folds ß and umlauts; the transliterations are the rest.
 */
function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  return [
    ...new Set([
      lower,
      lower.replace(/ß/g, 'ss'),
      lower.replace(/ss/g, 'ß'),
      lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'),
      lower.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü'),
    ]),
  ];
}

/**
 * The dialect's query text for terms that must all occur: a word matches as a prefix ("Antr" finds "Antrag"),
 * a phrase matches its words in order. Null when no term has a letter or digit.
 */
export function fullTextQuery(dialect: DialectName, terms: SearchTerm[]): string | null {
  const parts = terms.flatMap((term) => {
    const words = term.text.match(WORD_PART) ?? [];
    if (words.length === 0) return [];
    if (dialect === 'sqlite') {
      if (term.kind === 'phrase') return [`"${words.join(' ')}"`];
      // "E-Mail" is two tokens in the index: a phrase of them, the last one a prefix.
      if (words.length > 1) return [`"${words.join(' ')}"*`];
      return [
        `(${spellings(words[0] as string)
          .map((spelling) => `"${spelling}"*`)
          .join(' OR ')})`,
      ];
    }
    if (term.kind === 'phrase') return [`(${words.join(' <-> ')})`];
    if (words.length > 1) return [`(${words.map((word, i) => (i === words.length - 1 ? `${word}:*` : word)).join(' <-> ')})`];
    return [
      `(${spellings(words[0] as string)
        .map((spelling) => `${spelling}:*`)
        .join(' | ')})`,
    ];
  });
  if (parts.length === 0) return null;
  return parts.join(dialect === 'sqlite' ? ' AND ' : ' & ');
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
  } else {
    await sql`reindex index interactions_search_idx`.execute(db);
    await sql`reindex index cases_search_idx`.execute(db);
  }
  const counts = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('interactions').select(eb.fn.countAll<number>().as('n')).as('messages'),
      eb.selectFrom('cases').select(eb.fn.countAll<number>().as('n')).as('cases'),
    ])
    .executeTakeFirstOrThrow();
  return { messages: Number(counts.messages), cases: Number(counts.cases) };
}

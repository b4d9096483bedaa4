import type { DB } from '../../server/src/db/database.js';
import type { Random } from '../../server/src/seed/random.js';

/**
 * Inputs for the runs, picked from the data set with a seeded PRNG: every run gets another case, citizen or query
 * (so no cache can flatter), and the same seed picks the same inputs on every machine.
 */

export const SEARCH_KINDS = [
  'rare-word',
  'phrase',
  'name',
  'reference',
  'broad-word',
  'word-part',
  'typo',
  'reference-read-out',
] as const;
/** Kinds the raw-SQL baseline has no counterpart for: parts of words, similar words, references as read out. */
export const SEARCH_KINDS_WITHOUT_RAW: readonly SearchKind[] = ['word-part', 'typo', 'reference-read-out'];
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Ids spread over 1..max, drawn with the PRNG; the caller keeps those that exist and qualify. */
function drawIds(random: Random, max: number, count: number): number[] {
  return [...new Set(Array.from({ length: count }, () => random.int(1, Math.max(1, max))))];
}

async function maxId(db: DB, table: 'cases' | 'citizens' | 'interactions'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0);
}

/** References of `count` random cases that were not merged away. */
export async function caseReferences(db: DB, random: Random, count: number): Promise<string[]> {
  const ids = drawIds(random, await maxId(db, 'cases'), count * 2);
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'reference'])
    .where('id', 'in', ids)
    .where('merged_into_id', 'is', null)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row.reference]));
  return ids.flatMap((id) => byId.get(id) ?? []).slice(0, count);
}

/** Random cases whose citizen has an email address (a reply goes out by email). */
export async function casesWithEmail(db: DB, random: Random, count: number): Promise<number[]> {
  const ids = drawIds(random, await maxId(db, 'cases'), count * 4);
  const rows = await db
    .selectFrom('cases')
    .innerJoin('contact_points', 'contact_points.citizen_id', 'cases.citizen_id')
    .select('cases.id')
    .distinct()
    .where('cases.id', 'in', ids)
    .where('cases.merged_into_id', 'is', null)
    .where('contact_points.kind', '=', 'email')
    .execute();
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => found.has(id)).slice(0, count);
}

export async function citizenIds(db: DB, random: Random, count: number): Promise<number[]> {
  const ids = drawIds(random, await maxId(db, 'citizens'), count * 2);
  const rows = await db.selectFrom('citizens').select('id').where('id', 'in', ids).where('merged_into_id', 'is', null).execute();
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => found.has(id)).slice(0, count);
}

const WORD = /[\p{L}]+/gu;

/**
 * Queries of each kind the search box gets: the rarest and the most common words of a sample of messages (the
 * generator's texts are few, so "rare" is relative: the report shows how many messages they match), two-word
 * phrases from messages, citizens' names and case references.
 */
/** `count` items taken evenly from rare to common. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, index) => items[Math.floor((index * items.length) / count)] as T);
}

export async function searchQueries(db: DB, random: Random, count: number): Promise<Record<SearchKind, string[]>> {
  const sampleIds = drawIds(random, await maxId(db, 'interactions'), 3000);
  const texts = (await db.selectFrom('interactions').select('text').where('id', 'in', sampleIds).execute()).map(
    (row) => row.text.match(WORD) ?? [],
  );
  const documents = new Map<string, number>();
  for (const words of texts) {
    for (const word of new Set(words.filter((w) => w.length >= 5).map((w) => w.toLowerCase()))) {
      documents.set(word, (documents.get(word) ?? 0) + 1);
    }
  }
  const byFrequency = [...documents].sort(([a, m], [b, n]) => m - n || a.localeCompare(b)).map(([word]) => word);
  const phrases = new Set<string>();
  const sentences = texts.filter((words) => words.length >= 2);
  for (let attempt = 0; sentences.length > 0 && attempt < count * 20 && phrases.size < count; attempt++) {
    const words = random.pick(sentences);
    const start = random.int(0, words.length - 2);
    const pair = words.slice(start, start + 2);
    if (pair.every((word) => word.length >= 3)) phrases.add(`"${pair.join(' ')}"`);
  }
  const citizens = await db
    .selectFrom('citizens')
    .select(['given_name', 'family_name'])
    .where('id', 'in', await citizenIds(db, random, count * 2))
    .where('given_name', 'is not', null)
    .where('family_name', 'is not', null)
    .execute();
  const references = await caseReferences(db, random, count);
  const long = byFrequency.filter((word) => word.length >= 9);
  return {
    'rare-word': byFrequency.slice(0, count),
    phrase: [...phrases],
    name: citizens.slice(0, count).map((c) => `${c.given_name} ${c.family_name}`),
    reference: references,
    'broad-word': byFrequency.slice(-count).reverse(),
    // The end of a long word ("sserung" of "Stadtentwässerung"), as the part of a compound someone remembers.
    'word-part': spread(long, count).map((word) => word.slice(-6)),
    // A letter left out in the middle of a word: found by similar words, after word and part hits find nothing.
    typo: spread(long, count).map((word) => word.slice(0, word.length >> 1) + word.slice((word.length >> 1) + 1)),
    // "2026 123" or "123", as said on the phone.
    'reference-read-out': references.map((reference, index) => {
      const [, year, serial] = reference.split('-');
      return index % 2 === 0 ? `${year} ${Number(serial)}` : String(Number(serial));
    }),
  };
}

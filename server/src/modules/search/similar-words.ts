import { typoDistance } from '@anliegen/shared';
import { distance } from 'fastest-levenshtein';
import type { DB } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import { messagePartMatches, partsQuery, subjectPartMatches } from '../../db/full-text.js';
import { fold } from './snippet.js';

/**
 * Words of the desk's text a typed word may be a typo of (issue 23): "Hundesteur" → "hundesteuer", "Schmitt" →
 * "schmidt". A typo of one letter leaves one half of the word as it was (of three thirds, two), so the texts that hold
 * those pieces, found in the parts index, hold the word meant; their words within a few letters of the
 * typed one (Levenshtein, on the folded forms) are the candidates, closest and most frequent first. Read from the
 * latest texts only, so the cost does not grow with the desk.
 */

/** Texts read per piece of the word: the latest ones. */
const TEXTS_PER_PIECE = 40;

/**
 * The pieces one of which (a list: all of its members) is intact in the word meant, whatever one letter was changed,
 * left out or added: the halves, or for long words each two of its thirds. From eight letters, where two swapped
 * letters are within reach too, one letter between the pieces belongs to none, so a swap across it leaves both
 * intact. Every piece has three letters at least, the shortest the trigram index can look for.
 */
export function piecesOf(word: string): string[][] {
  const letters = [...word];
  const n = letters.length;
  const cut = (from: number, to: number) => letters.slice(from, to).join('');
  if (n >= 12) {
    const third = Math.floor(n / 3);
    const [a, b, c] = [cut(0, third - 1), cut(third, 2 * third - 1), cut(2 * third, n)];
    return [
      [a, b],
      [b, c],
      [a, c],
    ];
  }
  const half = Math.floor(n / 2);
  if (n >= 8) return [[cut(0, half - 1)], [cut(half, n)]];
  if (n >= 6) return [[cut(0, half)], [cut(half, n)]];
  // Five letters: the first and the last three (a typo in the middle letter is missed).
  return [[cut(0, 3)], [cut(n - 3, n)]];
}

/** Up to `limit` words of the desk's text that `typed` is likely a typo of, lower-cased as written there. */
export async function similarWords(db: DB, typed: string, limit = 3): Promise<string[]> {
  const target = fold(typed);
  const allowed = typoDistance([...target].length);
  // Letters only: a number one digit off ("139712" for "139713") is another number, not a typo of it.
  if (allowed === 0 || !/^\p{L}+$/u.test(typed)) return [];
  const texts = (await Promise.all(piecesOf(typed.toLowerCase()).map((piece) => textsWith(db, piece)))).flat();
  const found = new Map<string, { word: string; distance: number; count: number }>();
  for (const text of texts) {
    for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
      const folded = fold(word);
      // A word the typed one begins was found by the word index already; so was the same word in another spelling.
      if (Math.abs(folded.length - target.length) > allowed || folded.startsWith(target)) continue;
      const known = found.get(folded);
      if (known) {
        known.count += 1;
        continue;
      }
      const apart = distance(folded, target);
      if (apart > 0 && apart <= allowed) found.set(folded, { word: word.toLowerCase(), distance: apart, count: 1 });
    }
  }
  return [...found.values()]
    .filter((candidate) => candidate.distance > 0)
    .sort((a, b) => a.distance - b.distance || b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, limit)
    .map((candidate) => candidate.word);
}

/** The latest message texts and case subjects holding every piece. */
async function textsWith(db: DB, pieces: string[]): Promise<string[]> {
  const parts = partsQuery(pieces.map((text) => ({ kind: 'word', text })));
  if (!parts) return [];
  const dialect = dialectOf(db);
  const messages = await db
    .selectFrom(messagePartMatches(dialect, parts).as('matches'))
    .innerJoin('interactions', 'interactions.id', 'matches.interaction_id')
    .select(['interactions.subject', 'interactions.text'])
    .orderBy('matches.interaction_id', 'desc')
    .limit(TEXTS_PER_PIECE)
    .execute();
  const subjects = await db
    .selectFrom(subjectPartMatches(dialect, parts).as('matches'))
    .innerJoin('cases', 'cases.id', 'matches.case_id')
    .select('cases.subject')
    .orderBy('matches.case_id', 'desc')
    .limit(TEXTS_PER_PIECE)
    .execute();
  return [...messages.map((message) => `${message.subject ?? ''} ${message.text}`), ...subjects.map((row) => row.subject)];
}

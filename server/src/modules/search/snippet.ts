import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchTerm } from '@anliegen/shared';

/**
 * Marks and excerpts for search results, made here rather than by the database: the same on both dialects, and
 * only for the few messages a result page shows (SQLite's snippet() would first match the whole index again).
 * A word is marked when it starts with a searched word, compared as the index compares: case, accents, ß and
 * umlaut transliterations folded ("Strasse" marks "Straße", "Mueller" marks "Müller").
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** Words (WORD) with nothing to fold once lower-cased. */
const PLAIN = /^[a-z0-9]*$/;

/** A word as the indexes compare it: lower case, ß and umlauts transliterated, accents dropped. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Most words have nothing to fold, and every word of every result shown passes here.
  if (PLAIN.test(lower)) return lower;
  return lower
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Prefixes by the search's terms: a result page marks every row's subject and excerpt with the same ones. */
const prefixesByTerms = new WeakMap<SearchTerm[], string[]>();

/**
 * How a word of the text matches a searched word: from its start (the word index), or anywhere in it (the parts
 * index: "Laterne" marks "Straßenlaterne").
 */
export type MarkMode = 'start' | 'inside';

/** The folded beginnings a word of the text may start with to be marked (never empty: words are letters). */
function prefixesOf(terms: SearchTerm[]): string[] {
  let prefixes = prefixesByTerms.get(terms);
  if (!prefixes) {
    const words = terms.flatMap((term) => term.text.match(WORD) ?? []);
    // "Muller" typed without the umlaut must still mark "Müller" (folded "mueller"): both spellings are kept.
    prefixes = [...new Set(words.flatMap((word) => [fold(word), fold(word).replace(/([aou])e/g, '$1')]))];
    prefixesByTerms.set(terms, prefixes);
  }
  return prefixes;
}

function isMatch(word: string, prefixes: string[], mode: MarkMode): boolean {
  const folded = fold(word);
  const plain = folded.replace(/([aou])e/g, '$1');
  if (mode === 'inside') return prefixes.some((prefix) => folded.includes(prefix) || plain.includes(prefix));
  // Both spellings of a word start with the same letter: most words are out before the second is made.
  if (!prefixes.some((prefix) => prefix[0] === folded[0])) return false;
  return prefixes.some((prefix) => folded.startsWith(prefix) || plain.startsWith(prefix));
}

/** The whole text with every matching word between HIGHLIGHT_START and HIGHLIGHT_END. */
export function highlight(text: string, terms: SearchTerm[], mode: MarkMode = 'start'): string {
  return marked(clean(text), prefixesOf(terms), mode);
}

function marked(text: string, prefixes: string[], mode: MarkMode): string {
  return text.replace(WORD, (word) => (isMatch(word, prefixes, mode) ? `${HIGHLIGHT_START}${word}${HIGHLIGHT_END}` : word));
}

/** About `length` characters of the text around its first matching word, marked; "…" where it was cut. */
export function excerpt(text: string, terms: SearchTerm[], mode: MarkMode = 'start', length = 160): string {
  const flat = clean(text).replace(/\s+/g, ' ').trim();
  const prefixes = prefixesOf(terms);
  let first = 0;
  for (const match of flat.matchAll(WORD)) {
    if (isMatch(match[0], prefixes, mode)) {
      first = match.index;
      break;
    }
  }
  // A little context before the match, cut at a word boundary.
  let start = Math.max(0, first - Math.floor(length / 4));
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  const cut = flat.slice(start, end);
  return `${start > 0 ? '…' : ''}${marked(cut, prefixes, mode)}${end < flat.length ? '…' : ''}`;
}

/** Stored text never carries the marker characters; a stray one would mark the wrong words. */
function clean(text: string): string {
  return text.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '');
}

import * as bidiModule from 'bidi-js';
import type { Bidi } from 'bidi-js';

/**
 * Right-to-left paragraphs for pdfkit (issue 18: the conversation PDF in Arabic, or a citizen's Arabic message in a
 * German one). pdfkit lays out a line word by word: fontkit puts the letters of a right-to-left word in their right
 * order, but pdfkit places the words from left to right as they come. So a right-to-left paragraph is wrapped here
 * and each line handed over with its words in the order they are seen from left to right (the Unicode Bidirectional
 * Algorithm, UAX #9, with bidi-js: levels per character, runs reversed from the highest level down, mirrored brackets
 * swapped), to be drawn aligned right. Words are the unit, not characters: the letters inside a word stay in the
 * order fontkit expects for shaping.
 */
/** bidi-js is CommonJS: Node hands over its exports object as the default, bundlers and Vitest its factory. */
const exported = bidiModule.default as unknown as (() => Bidi) | { default: () => Bidi };
const bidi = (typeof exported === 'function' ? exported : exported.default)();

/** Whether the paragraph reads right to left: its first strong character does (as HTML's dir="auto"). */
export function readsRightToLeft(paragraph: string): boolean {
  return (bidi.getEmbeddingLevels(paragraph, 'auto').paragraphs[0]?.level ?? 0) % 2 === 1;
}

interface Token {
  text: string;
  level: number;
}

/** The line's words and spaces, split where the embedding level changes too, each with its level. */
function tokensOf(line: string): Token[] {
  const { levels } = bidi.getEmbeddingLevels(line, 'rtl');
  const tokens: Token[] = [];
  let index = 0;
  for (const char of line) {
    const level = levels[index]!;
    const mirrored = level % 2 === 1 ? bidi.getMirroredCharacter(char) : null;
    const shown = mirrored ?? char;
    const last = tokens[tokens.length - 1];
    const space = /\s/.test(char);
    if (last && last.level === level && /\s/.test(last.text[0]!) === space) last.text += shown;
    else tokens.push({ text: shown, level });
    index += char.length;
  }
  return tokens;
}

/** One line of a right-to-left paragraph with its words in left-to-right order of display (UAX #9 L2, per word). */
export function visualLine(line: string): string {
  const tokens = tokensOf(line);
  const highest = Math.max(0, ...tokens.map((token) => token.level));
  for (let level = highest; level >= 1; level--) {
    for (let start = 0; start < tokens.length; start++) {
      if (tokens[start]!.level < level) continue;
      let end = start;
      while (end + 1 < tokens.length && tokens[end + 1]!.level >= level) end++;
      tokens.splice(start, end - start + 1, ...tokens.slice(start, end + 1).reverse());
      start = end;
    }
  }
  return tokens.map((token) => token.text).join('');
}

/**
 * The paragraph's lines (in reading order) no wider than `width` as `measure` gives it: words as they fit, a word
 * wider than a line cut where it must be.
 */
export function wrapLines(paragraph: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of paragraph.split(/(\s+)/)) {
    if (part === '') continue;
    if (measure(line + part) <= width || line.trim() === '') {
      line += part;
    } else {
      lines.push(line.trimEnd());
      line = /\s/.test(part[0]!) ? '' : part;
    }
    while (measure(line) > width && [...line].length > 1) {
      const chars = [...line];
      let fits = chars.length - 1;
      while (fits > 1 && measure(chars.slice(0, fits).join('')) > width) fits--;
      lines.push(chars.slice(0, fits).join(''));
      line = chars.slice(fits).join('');
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

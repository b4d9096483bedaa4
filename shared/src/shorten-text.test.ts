import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortenAtWord } from './shorten-text.js';

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

describe('shortenAtWord', () => {
  it('cuts at the last whole word and adds an ellipsis (a web form’s first line, issue 16: "… Bitte um Re")', () => {
    const line = 'Sehr geehrte Damen und Herren, vor unserem Haus ist seit Wochen die Laterne defekt. Bitte um Reparatur';
    expect(shortenAtWord(line, 80)).toBe('Sehr geehrte Damen und Herren, vor unserem Haus ist seit Wochen die Laterne…');
    expect(shortenAtWord('Bitte um Rückruf', 12)).toBe('Bitte um…');
  });

  it('keeps a text that fits as it is, without an ellipsis', () => {
    expect(shortenAtWord('Bitte um Rückruf', 16)).toBe('Bitte um Rückruf');
    expect(shortenAtWord('', 10)).toBe('');
  });

  it('keeps the word before the cut when the cut falls just after it', () => {
    expect(shortenAtWord('Bitte um Rückruf', 9)).toBe('Bitte um…');
  });

  it('cuts a single word longer than the limit inside it, but never a character in half', () => {
    expect(shortenAtWord('Grundstücksverkehrsgenehmigungszuständigkeit', 10)).toBe('Grundstüc…');
    expect(shortenAtWord('Donaudampfschiff fährt', 8)).toBe('Donauda…');
    // An emoji is two UTF-16 code units: cut before it, not between them.
    expect(shortenAtWord('ab😀cdef', 4)).toBe('ab…');
  });

  const texts = fc.string({ unit: fc.constantFrom('a', 'b', 'ä', ' ', '\t', '-', ',', '😀'), maxLength: 120 });
  const limits = fc.integer({ min: 2, max: 100 });

  it('is never longer than the limit', () => {
    fc.assert(
      fc.property(texts, limits, (text, max) => {
        expect(shortenAtWord(text, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('adds the ellipsis only when it cut, and keeps a start of the text', () => {
    fc.assert(
      fc.property(texts, limits, (text, max) => {
        const short = shortenAtWord(text, max);
        if (text.length <= max) {
          expect(short).toBe(text);
          return;
        }
        expect(short.endsWith('…')).toBe(true);
        expect(text.startsWith(short.slice(0, -1))).toBe(true);
      }),
    );
  });

  it('cuts inside a word only when a single word is longer than the limit', () => {
    fc.assert(
      fc.property(texts, limits, (text, max) => {
        const short = shortenAtWord(text, max);
        if (short === text) return;
        const kept = short.slice(0, -1);
        if (isSpace(text[kept.length])) return;
        // Not at a word's end: all that is kept (after leading space) is the first word, and it runs on to the limit.
        const start = kept.length - kept.trimStart().length;
        expect(kept.slice(start)).not.toMatch(/\s/);
        const rest = text.slice(start).search(/\s|$/);
        expect(start + rest).toBeGreaterThanOrEqual(max - 1);
      }),
    );
  });

  it('leaves no space before the ellipsis when there is a word to keep', () => {
    fc.assert(
      fc.property(texts, limits, (text, max) => {
        const short = shortenAtWord(text, max);
        if (short !== text && /\S/.test(short.slice(0, -1))) expect(short).not.toMatch(/\s…$/);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GERMAN_LETTERS, isSwap, typoOf } from '../../test/typos.js';
import { piecesOf } from './similar-words.js';

describe('the pieces a typo leaves intact', () => {
  it('keeps, for every typo of a word of six letters or more, one list of pieces all found in the word meant', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: fc.constantFrom(...GERMAN_LETTERS), minLength: 7, maxLength: 24 })
          .chain((meant) => fc.tuple(fc.constant(meant), typoOf(meant))),
        ([meant, typed]) => {
          // A swap is two letters off: searched for from eight letters (typoDistance).
          fc.pre([...typed].length >= (isSwap(meant, typed) ? 8 : 6) && typed !== meant);
          const pieces = piecesOf(typed);
          expect(pieces.every((list) => list.every((piece) => [...piece].length >= 3))).toBe(true);
          expect(
            pieces.some((list) => list.every((piece) => meant.includes(piece))),
            `${typed} for ${meant}`,
          ).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

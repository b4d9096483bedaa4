import fc from 'fast-check';

/** Letters a German typist may hit instead. */
export const GERMAN_LETTERS = 'abcdefghijklmnopqrstuvwxyzäöüß';

export type TypoKind = 'change' | 'leave out' | 'add' | 'swap';

/** `word` with one letter changed, left out or added, or two neighbouring letters swapped. */
export const typoOf = (word: string) =>
  fc
    .record({
      kind: fc.constantFrom<TypoKind>('change', 'leave out', 'add', 'swap'),
      at: fc.nat(word.length - 1),
      letter: fc.constantFrom(...GERMAN_LETTERS),
    })
    .map(({ kind, at, letter }) => {
      if (kind === 'change') return word.slice(0, at) + letter + word.slice(at + 1);
      if (kind === 'leave out') return word.slice(0, at) + word.slice(at + 1);
      if (kind === 'add') return word.slice(0, at) + letter + word.slice(at);
      const next = Math.min(at + 1, word.length - 1);
      return word.slice(0, at) + word[next] + word[at] + word.slice(next + 1);
    });

/** Whether `typed` is `meant` with two neighbouring letters swapped (two letters off, not one). */
export const isSwap = (meant: string, typed: string) =>
  meant.length === typed.length && [...meant].filter((letter, at) => letter !== typed[at]).length === 2;

/**
 * How many letters (Levenshtein distance) a typed word may be off the word meant to count as a typo of it (issue 23):
 * none below five letters, where too many words are one letter apart; one up to seven; two from eight.
 */
export function typoDistance(length: number): number {
  return length < 5 ? 0 : length < 8 ? 1 : 2;
}

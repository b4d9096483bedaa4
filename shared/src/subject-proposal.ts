import { shortenAtWord } from './shorten-text.js';

/** How long a case's subject may be (characters, after trimming). */
export const SUBJECT_LENGTH = { min: 3, max: 200 } as const;

/** The first line of a text that has more than white space, in one line (runs of white space as one space). */
function firstLine(text: string): string {
  const line = text.split(/\r\n|\r|\n/).find((candidate) => candidate.trim() !== '') ?? '';
  return line.replace(/\s+/g, ' ').trim();
}

/**
 * The subject a new case gets from a captured call or visit when the agent typed none (issue 16: "number, Enter,
 * note, Ctrl+Enter" must work): the note's first line, cut at a word with "…" when it is longer than a subject may
 * be; else, when that line is too short for a subject, the topic's name. Null when neither makes one.
 */
export function proposeSubject(note: string, categoryName?: string | null): string | null {
  for (const candidate of [firstLine(note), firstLine(categoryName ?? '')]) {
    if (candidate.length >= SUBJECT_LENGTH.min) return shortenAtWord(candidate, SUBJECT_LENGTH.max);
  }
  return null;
}

import { describe, expect, it } from 'vitest';
import { recordContactInput } from './cases.schemas.js';
import { proposeSubject, SUBJECT_LENGTH } from './subject-proposal.js';

describe('proposeSubject', () => {
  it("takes the note's first line that says something, in one line", () => {
    expect(proposeSubject('Fragt nach dem Sperrmüll.\nRückruf zugesagt.')).toBe('Fragt nach dem Sperrmüll.');
    expect(proposeSubject('\n  \r\n  Laterne   defekt,\tHauptstraße 7  \nmehr')).toBe('Laterne defekt, Hauptstraße 7');
  });

  it('cuts a long first line at a word, with an ellipsis, within the subject limit', () => {
    const line = `Bitte ${'sehr '.repeat(60)}dringend`;
    const subject = proposeSubject(line)!;
    expect(subject.length).toBeLessThanOrEqual(SUBJECT_LENGTH.max);
    expect(subject).toMatch(/^Bitte (sehr )+sehr…$/);
  });

  it("falls back to the topic's name when the first line is too short for a subject, and to nothing without one", () => {
    expect(proposeSubject('ok\nRückruf', 'Meldewesen')).toBe('Meldewesen');
    expect(proposeSubject('Fragt nach.', 'Meldewesen')).toBe('Fragt nach.');
    expect(proposeSubject('ok')).toBeNull();
    expect(proposeSubject('  ', 'ab')).toBeNull();
  });
});

describe('recordContactInput', () => {
  const known = { channel: 'phone', citizenId: 7 } as const;

  it('takes a note for a new case without a subject when the note or a topic makes one (issue 16)', () => {
    expect(recordContactInput.safeParse({ ...known, text: 'Fragt nach dem Sperrmüll.' }).success).toBe(true);
    expect(recordContactInput.safeParse({ ...known, text: 'ok', categoryId: 3 }).success).toBe(true);
  });

  it('still needs a case or a subject when nothing else makes one', () => {
    const result = recordContactInput.safeParse({ ...known, text: 'ok' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[['subject'], 'contact.subjectOrCase']]);
  });
});

import { proposeSubject } from '@anliegen/shared';

/** Lines that open a letter or a mail but say nothing of the matter ("Sehr geehrte Damen und Herren,"). */
const SALUTATION = /^(sehr geehrte|guten (tag|morgen|abend)|hallo|liebe[rs]?\b|moin|servus|grüß gott|dear|hello|hi\b)/i;
/** What mail programs put before a subject: "Re:", "AW:", "Fwd:", "WG:", and the desk's own "[A-2026-000123]". */
const SUBJECT_PREFIX = /^\s*((re|aw|wg|fw|fwd|antw)\s*:\s*|\[[^\]]*\]\s*)+/i;

/**
 * The subject proposed for a message moved into a new case: what the message says first (its first line that is no
 * salutation), else its own subject without "Re:"/"AW:" and the case reference, else the old case's subject. Cut at a
 * word like every proposed subject (`proposeSubject`); the agent confirms or changes it in the dialog.
 */
export function proposedSplitSubject(message: { subject: string | null; text: string }, caseSubject: string): string {
  const body = message.text
    .split(/\r\n|\r|\n/)
    .filter((line) => !SALUTATION.test(line.trim()) && !line.trim().startsWith('>'))
    .join('\n');
  return (
    proposeSubject(body) ??
    proposeSubject((message.subject ?? '').replace(SUBJECT_PREFIX, '')) ??
    proposeSubject(caseSubject) ??
    caseSubject
  );
}

/** Notes the desk writes when a message moves: where it went, or where it came from. Not a message to move itself. */
export function isSplitNote(details: Record<string, string> | null): boolean {
  return details !== null && (details.splitTo !== undefined || details.splitFrom !== undefined);
}

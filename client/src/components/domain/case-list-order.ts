/*
 * The list a case was opened from (inbox, saved view, search results), so that j/k on the case page go on to the next
 * and previous case of that list (features/cases/case-neighbours.ts). Kept for this tab only (sessionStorage): another
 * tab has its own list.
 */

const STORAGE_KEY = 'anliegen.caseList';

/** Called when a case is opened from a list: its references in the order shown. */
export function rememberCaseList(references: readonly string[]): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(references));
  } catch {
    // Storage full or off: j/k fall back to the agent's own cases.
  }
}

export function rememberedCaseList(): string[] | null {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/*
 * Which case j/k open on a case page (case-list-keys.ts): pure, so that it is tested without a browser. Apart from the
 * list's memory (components/domain/case-list-order.ts), which the inbox's first load carries, this one does not.
 */

/** Which list j/k follow on a case: the one it was opened from, else the agent's own cases ("Meine Vorgänge"). */
export function listToFollow(remembered: readonly string[] | null, current: string): 'remembered' | 'mine' {
  return remembered?.includes(current) ? 'remembered' : 'mine';
}

/** The case after (1) or before (-1) the current one; a case not in the list starts it from the top. */
export function adjacentCase(order: readonly string[], current: string, step: 1 | -1): string | null {
  const at = order.indexOf(current);
  if (at === -1) return step === 1 ? (order[0] ?? null) : null;
  return order[at + step] ?? null;
}

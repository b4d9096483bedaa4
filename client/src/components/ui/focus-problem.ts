const FIELD = 'input:not([type="hidden"]), select, textarea';

/**
 * After a failed submit (WCAG 3.3.1 with 2.4.3): the focus goes to the first field in error inside `container`
 * (`aria-invalid`, which Mantine's inputs set with `error`), so its message is read and it can be corrected at once;
 * with `alert`, to the form's error message when no field is in error (the server refused the whole request).
 * Returns whether it found something to focus.
 */
export function focusFirstProblem(container: HTMLElement | null, { alert = false } = {}): boolean {
  if (!container) return false;
  const invalid = container.querySelector<HTMLElement>('[aria-invalid="true"]');
  // A group (radio buttons, checkboxes) may carry the state on its wrapper: its first field then.
  const field = invalid && !invalid.matches(FIELD) ? (invalid.querySelector<HTMLElement>(FIELD) ?? invalid) : invalid;
  const target = field ?? (alert ? container.querySelector<HTMLElement>('[role="alert"]') : null);
  if (!target) return false;
  if (!target.matches(FIELD) && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
  return true;
}

/** The first field a person fills in: not hidden, not disabled (a file button's hidden input does not count). */
export function firstField(container: ParentNode): HTMLElement | null {
  for (const element of container.querySelectorAll<HTMLElement>(FIELD)) {
    if (element.matches(':disabled') || element.closest('[aria-hidden="true"]')) continue;
    if (element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden') return element;
  }
  return null;
}

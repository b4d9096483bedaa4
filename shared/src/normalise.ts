/** Emails are matched case-insensitively and without surrounding whitespace. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

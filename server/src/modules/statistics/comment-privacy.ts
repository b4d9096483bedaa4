/**
 * A citizen's comment as supervisors read it (issue 18: "never names or contact data"): the words stay, but what
 * would say who wrote it or how to reach them is replaced by "[…]": email addresses, phone numbers (six digits or
 * more, written with spaces, slashes, brackets or dashes; dates with dots stay) and the citizen's own given and
 * family names wherever they appear as words. Other people's names a citizen may write cannot be told from other
 * words; supervisors read the comments only as figures' context (no reference, no case).
 */

const HIDDEN = '[…]';
const EMAIL = /[^\s@<>()[\]{},;:"']+@[^\s@<>()[\]{},;:"']+\.[^\s@<>()[\]{},;:"'.]+/gu;
// A run of digits with the separators phone numbers are written with, starting at + or a digit.
const PHONE = /(?:\+|\b)\d[\d\s/()-]*\d/gu;
const MIN_PHONE_DIGITS = 6;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function withoutPersonalData(comment: string, names: readonly (string | null)[]): string {
  let text = comment.replace(EMAIL, HIDDEN);
  text = text.replace(PHONE, (match) => (match.replace(/\D/g, '').length >= MIN_PHONE_DIGITS ? HIDDEN : match));
  const words = names
    .flatMap((name) => (name ?? '').split(/[\s-]+/u))
    .filter((word) => word.length >= 2)
    // Longer first: "Anna-Lena" before "Anna".
    .sort((a, b) => b.length - a.length);
  for (const word of new Set(words)) {
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'giu'), HIDDEN);
  }
  return text;
}

const ELLIPSIS = '…';
const SPACE = /\s/;

/**
 * A text of at most `max` characters (UTF-16 code units, as zod's `max` counts them; at least 2): as it is when it
 * fits, else cut after its last whole word that fits with "…". Only a single word longer than that is cut inside,
 * and never between the two halves of a character outside the Basic Multilingual Plane (an emoji).
 */
export function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const wordEndsAtCut = SPACE.test(text[room.length] ?? '');
  const lastSpace = room.search(/\s\S*$/);
  const kept = (wordEndsAtCut ? room : lastSpace >= 0 ? room.slice(0, lastSpace) : '').trimEnd();
  if (kept.length > 0) return `${kept}${ELLIPSIS}`;
  // No whole word fits: cut the first one.
  const last = room.charCodeAt(room.length - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? room.slice(0, -1) : room;
  return `${cut}${ELLIPSIS}`;
}

import { shortenAtWord } from './shorten-text.js';

/** The longest first line a list shows of a case's last message (characters, "…" included). */
export const MESSAGE_PREVIEW_MAX = 140;
/** How much of a message's text the list reads to find its first line: a greeting, blank lines and a line or two. */
export const MESSAGE_PREVIEW_SOURCE_CHARS = 1000;

/** Where the writer's own words end: a quoted earlier mail, a forwarded one, or the signature. */
const OWN_TEXT_ENDS = [
  /^\s*>/, // "> quoted line"
  /^\s*(Am|On)\s.*\b(schrieb|wrote)\b/i, // "Am 3. Dezember 2026 um 10:12 schrieb …:"
  /^\s*-{2,}\s*(Original(nachricht)?|Ursprüngliche Nachricht|Original Message|Weitergeleitete Nachricht|Forwarded message)/i,
  /^\s*_{8,}\s*$/, // Outlook's rule above a quoted mail
  /^\s*(Von|From|Gesendet|Sent):\s/, // a quoted mail's header block without a rule
  /^-- ?$/, // the signature delimiter
];

/** A greeting on a line of its own ("Sehr geehrte Damen und Herren,"): says nothing about the matter. */
const GREETING =
  /^(sehr geehrte[rs]?|hallo|guten (tag|morgen|abend)|liebe[rs]?|moin|servus|grüß gott|dear|hi|hello|good (morning|afternoon|evening))\b[^.?]{0,60}[,!:]?$/i;

/**
 * What a list shows of a message: its first line that says something, in one line (runs of white space as one
 * space), cut at a word with "…" beyond MESSAGE_PREVIEW_MAX. Quoted earlier mails and the signature are not the
 * writer's words; a greeting on its own line is skipped when something follows it. Null when nothing is left.
 */
export function messagePreview(text: string): string | null {
  const own: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (OWN_TEXT_ENDS.some((end) => end.test(line))) break;
    const trimmed = line.replace(/\s+/g, ' ').trim();
    if (trimmed !== '') own.push(trimmed);
  }
  const first = own.length > 1 && GREETING.test(own[0]!) ? own[1] : own[0];
  return first ? shortenAtWord(first, MESSAGE_PREVIEW_MAX) : null;
}

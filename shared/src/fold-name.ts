// Apart from normalise.ts, whose phone number library a page that only folds words should not load.

/**
 * The spelling-insensitive key of a name, for finding the same person written differently:
 * "Müller" = "Mueller" = "Muller" = "MÜLLER" → "muller", "Strauß" = "Strauss" → "strauss", "José" → "jose".
 * Both sides of a comparison go through it, so folding "ue" to "u" everywhere ("Samuel" → "samul") is harmless.
 */
export function foldName(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([aou])e/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

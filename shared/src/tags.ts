/**
 * Tags on cases (issue 16): free ones an agent types, curated ones an admin keeps with a colour. The colours are a
 * fixed palette (no zod here: the inbox's rows show them from the entry chunk). Every pair of background and text
 * passes WCAG AA for normal text (4.5:1; tags.test.ts computes it); a free tag is grey with a dashed outline.
 */
export const TAG_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'indigo', 'violet', 'pink'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export const TAG_PALETTE: Record<TagColor, { background: string; text: string }> = {
  gray: { background: '#e9ecef', text: '#343a40' },
  red: { background: '#ffe3e3', text: '#a61e1e' },
  orange: { background: '#ffe8cc', text: '#8a3b00' },
  yellow: { background: '#fff3bf', text: '#6b4e00' },
  green: { background: '#d3f9d8', text: '#1b5e20' },
  teal: { background: '#c3fae8', text: '#0b5345' },
  blue: { background: '#d0ebff', text: '#114a87' },
  indigo: { background: '#dbe4ff', text: '#2a3a8c' },
  violet: { background: '#e5dbff', text: '#4b2a99' },
  pink: { background: '#ffdeeb', text: '#8c1d4f' },
};

/** How many tags one case may carry, and how many cases one bulk action may change. */
export const MAX_TAGS_PER_CASE = 20;
export const TAG_NAME_MAX = 40;
export const BULK_MAX_CASES = 200;
/** The inbox's view counts stop here ("999+"): counting further would read every case of a large view. */
export const VIEW_COUNT_CAP = 1000;

/** A tag's name as stored: trimmed, runs of spaces made one. */
export const normaliseTagName = (name: string) => name.trim().replace(/\s+/g, ' ');
/** The key two names are the same tag by: "Bauantrag" and "bauantrag " are one tag. */
export const tagKey = (name: string) => normaliseTagName(name).toLocaleLowerCase('de');

/** WCAG 2 relative luminance of "#rrggbb" and the contrast ratio of two colours (for the palette's test). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** "999+" above the cap, else the number (the inbox's view tabs). */
export const viewCountLabel = (count: number) => (count >= VIEW_COUNT_CAP ? `${VIEW_COUNT_CAP - 1}+` : String(count));

/** Human case reference like `A-2026-000123`: year of creation and a per-year counter. */
const REFERENCE_PATTERN = /^A-(\d{4})-(\d{6,})$/;

export function formatCaseReference(year: number, serial: number): string {
  return `A-${year}-${String(serial).padStart(6, '0')}`;
}

export function parseCaseReference(text: string): { year: number; serial: number } | null {
  const match = REFERENCE_PATTERN.exec(text.trim());
  if (!match) return null;
  return { year: Number(match[1]), serial: Number(match[2]) };
}

/** How far back a serial alone is looked up: this year first, then the years before. */
export const SERIAL_YEARS_BACK = 4;

/** Between the parts: spaces, dashes, slashes, dots or underscores; after the "A" they may be left out. */
const SEPARATOR = String.raw`[\s\-/._]+`;
/** What may come before the number, as people say or write it: "Vorgang 423", "Az. A-2026-423", "Nr. 423". */
const PREFIX = String.raw`(?:(?:vorgangs?(?:nummer)?|aktenzeichen|az|nr|nummer)\.?\s*)?(?:a[\s\-/._]*)?`;
const YEAR_FIRST = new RegExp(String.raw`^${PREFIX}(\d{4})${SEPARATOR}(\d{1,7})$`, 'i');
const YEAR_LAST = new RegExp(String.raw`^${PREFIX}(\d{1,7})${SEPARATOR}(\d{4})$`, 'i');
const SERIAL_ALONE = new RegExp(String.raw`^${PREFIX}(\d{1,7})$`, 'i');

/**
 * The references a whole query may mean when it is read from a letter or said on the phone: any case, spaces,
 * dashes, slashes or dots between the parts, without the "A", without leading zeros ("a 2026 423", "2026/423",
 * "423/2026"), or the serial alone ("000423", "423": this year's first, then the years before; a year alone is none). Empty when the text
 * is not a reference at all. `currentYear` is the year the desk is in (Berlin time).
 */
export function referencesMeant(text: string, currentYear: number): string[] {
  const trimmed = text.trim();
  const plausibleYear = (year: number) => year >= 2000 && year <= currentYear + 1;
  const reference = (year: number, serial: number) => (serial > 0 ? [formatCaseReference(year, serial)] : []);
  const strict = parseCaseReference(trimmed.toUpperCase());
  if (strict) return reference(strict.year, strict.serial);
  const yearFirst = YEAR_FIRST.exec(trimmed);
  if (yearFirst && plausibleYear(Number(yearFirst[1]))) return reference(Number(yearFirst[1]), Number(yearFirst[2]));
  const yearLast = YEAR_LAST.exec(trimmed);
  if (yearLast && plausibleYear(Number(yearLast[2]))) return reference(Number(yearLast[2]), Number(yearLast[1]));
  const alone = SERIAL_ALONE.exec(trimmed);
  // "2026" or "A-2026" alone is the year someone began to type, not the serial 2026.
  if (!alone || (alone[1]?.length === 4 && plausibleYear(Number(alone[1])))) return [];
  const serial = Number(alone[1]);
  return Array.from({ length: SERIAL_YEARS_BACK + 1 }, (_, back) => reference(currentYear - back, serial)).flat();
}

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

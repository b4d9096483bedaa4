import type { Locale } from './domain.js';

/** A cell of an exported table: text as shown, a number (formatted for the locale), or empty. */
export type CsvCell = string | number | null;

/** Excel reads a file as UTF-8 (umlauts intact) only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * German Excel expects semicolons between fields and a decimal comma ("87,5"); elsewhere commas and a decimal point.
 * Numbers carry no thousands separators, so spreadsheets read them as numbers.
 */
export function csvDialect(locale: Locale): { separator: ';' | ','; decimal: ',' | '.' } {
  return locale === 'de' ? { separator: ';', decimal: ',' } : { separator: ',', decimal: '.' };
}

function formatCell(cell: CsvCell, locale: Locale): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    const text = String(Math.round(cell * 1e6) / 1e6);
    return csvDialect(locale).decimal === ',' ? text.replace('.', ',') : text;
  }
  return cell;
}

/** Quotes a field when it holds the separator, a quote, a line break or leading/trailing spaces (RFC 4180). */
function quote(field: string, separator: string): string {
  const needsQuotes =
    field.includes(separator) || field.includes('"') || field.includes('\n') || field.includes('\r') || field.trim() !== field;
  return needsQuotes ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * A header row and data rows as CSV text (CRLF line ends, as Excel writes them), without the BOM.
 * Text that a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], locale: Locale): string {
  const { separator } = csvDialect(locale);
  const line = (cells: readonly CsvCell[]) =>
    cells
      .map((cell) => {
        const text = formatCell(cell, locale);
        const safe = typeof cell === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
        return quote(safe, separator);
      })
      .join(separator);
  return `${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** "anliegen-kontakte-2026-03-01-2026-03-31.csv": what, and the range it covers. */
export function csvFileName(slug: string, from: string, to: string): string {
  const safeSlug = slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `anliegen-${safeSlug}-${from}-${to}.csv`;
}

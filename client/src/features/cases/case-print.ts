import type { Translate } from '../../i18n/i18n';

/** What the print view needs of an attachment: it lists files, it does not print them. */
export interface PrintAttachment {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export interface PrintEntry {
  id: number;
  occurredAt: number;
  attachments: readonly PrintAttachment[];
}

export interface NumberedEntry<T extends PrintEntry> {
  /** From 1, oldest first: the attachment list refers to entries by it. */
  number: number;
  item: T;
}

/** The timeline for the paper file: oldest first (equal times in the order they were stored), numbered from 1. */
export function numberedOldestFirst<T extends PrintEntry>(items: readonly T[]): NumberedEntry<T>[] {
  return [...items]
    .sort((a, b) => a.occurredAt - b.occurredAt || a.id - b.id)
    .map((item, index) => ({ number: index + 1, item }));
}

/** The attachments under the number of the entry they came with; entries without files are left out. */
export function attachmentsByEntry<T extends PrintEntry>(
  entries: readonly NumberedEntry<T>[],
): (NumberedEntry<T> & { attachments: readonly PrintAttachment[] })[] {
  return entries
    .filter(({ item }) => item.attachments.length > 0)
    .map((entry) => ({ ...entry, attachments: entry.item.attachments }));
}

const KILOBYTE = 1024;
const MEGABYTE = 1024 * 1024;

/** A file's size for people: exact bytes below a kilobyte, whole kilobytes below a megabyte, else megabytes. */
export function formatFileSize(bytes: number, t: Translate, formatNumber: (n: number) => string): string {
  if (bytes < KILOBYTE) return t('print.bytes', { n: formatNumber(bytes) });
  const kilobytes = Math.round(bytes / KILOBYTE);
  if (kilobytes < KILOBYTE) return t('common.kilobytes', { n: formatNumber(kilobytes) });
  return t('print.megabytes', { n: formatNumber(Math.round((bytes / MEGABYTE) * 10) / 10) });
}

/**
 * A value as a CSS string literal. Quotes, backslashes and control characters become hex escapes, so no value can
 * end the string or the rule it stands in.
 */
export function cssString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
  return `"${value.replace(/["\\\u0000-\u001f\u007f]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}

/** "Seite {page} von {pages}" as CSS generated content: quoted text around the page counters. */
export function pageCounterContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece === '{page}' ? 'counter(page)' : piece === '{pages}' ? 'counter(pages)' : cssString(piece)))
    .join(' ');
}

/**
 * The bottom margin of every printed page: the case's reference on the left, "Seite 1 von 3" on the right (CSS page
 * margin boxes; Chromium prints them, browsers without them print the pages without).
 */
export function pageMarginCss(reference: string, pageTemplate: string): string {
  const box = 'font-family: sans-serif; font-size: 9pt; color: #000;';
  return (
    `@page { @bottom-left { content: ${cssString(reference)}; ${box} } ` +
    `@bottom-right { content: ${pageCounterContent(pageTemplate)}; ${box} } }`
  );
}

import { describe, expect, it } from 'vitest';
import { numberFormatter, translator } from '../../test/i18n';
import {
  attachmentsByEntry,
  cssString,
  formatFileSize,
  numberedOldestFirst,
  pageCounterContent,
  pageMarginCss,
} from './case-print';

const file = (id: number, sizeBytes = 100) => ({ id, filename: `datei-${id}.pdf`, contentType: 'application/pdf', sizeBytes });

describe('numberedOldestFirst', () => {
  it('puts the timeline oldest first and numbers it from 1; equal times keep the order of their ids', () => {
    const items = [
      { id: 7, occurredAt: 3000, attachments: [] },
      { id: 5, occurredAt: 1000, attachments: [] },
      { id: 9, occurredAt: 2000, attachments: [] },
      { id: 6, occurredAt: 2000, attachments: [] },
    ];
    expect(numberedOldestFirst(items).map(({ number, item }) => [number, item.id])).toEqual([
      [1, 5],
      [2, 6],
      [3, 9],
      [4, 7],
    ]);
    // The case page's data is not reordered in place.
    expect(items.map((item) => item.id)).toEqual([7, 5, 9, 6]);
  });
});

describe('attachmentsByEntry', () => {
  it('lists the attachments under the number of the entry they came with, entries without files left out', () => {
    const entries = numberedOldestFirst([
      { id: 1, occurredAt: 1, attachments: [file(10), file(11)] },
      { id: 2, occurredAt: 2, attachments: [] },
      { id: 3, occurredAt: 3, attachments: [file(12)] },
    ]);
    expect(attachmentsByEntry(entries).map(({ number, attachments }) => [number, attachments.map((a) => a.id)])).toEqual([
      [1, [10, 11]],
      [3, [12]],
    ]);
  });

  it('is empty for a case without attachments', () => {
    expect(attachmentsByEntry(numberedOldestFirst([{ id: 1, occurredAt: 1, attachments: [] }]))).toEqual([]);
  });
});

describe('formatFileSize', () => {
  const german = (bytes: number) => formatFileSize(bytes, translator('de'), numberFormatter('de'));
  const english = (bytes: number) => formatFileSize(bytes, translator('en'), numberFormatter('en'));

  it('says small files in bytes, exactly', () => {
    expect(german(0)).toBe('0 Byte');
    expect(german(512)).toBe('512 Byte');
    expect(german(1023)).toBe('1.023 Byte');
    expect(english(512)).toBe('512 bytes');
  });

  it('says files below a megabyte in whole kilobytes', () => {
    expect(german(1024)).toBe('1 KB');
    expect(german(1536)).toBe('2 KB');
    expect(german(300 * 1024)).toBe('300 KB');
    expect(english(1000 * 1024)).toBe('1,000 KB');
  });

  it('says larger files in megabytes with one decimal, in the language’s number format', () => {
    expect(german(1_500_000)).toBe('1,4 MB');
    expect(english(1_500_000)).toBe('1.4 MB');
    expect(german(10 * 1024 * 1024)).toBe('10 MB');
    // Just below a megabyte would round to "1.024 KB": said as a megabyte instead.
    expect(german(1024 * 1024 - 1)).toBe('1 MB');
  });
});

describe('cssString', () => {
  it('quotes a value for CSS generated content', () => {
    expect(cssString('A-2026-000123')).toBe('"A-2026-000123"');
    expect(cssString('Seite ')).toBe('"Seite "');
  });

  it('escapes quotes, backslashes and line breaks, so a value cannot end the string or the rule', () => {
    expect(cssString('a"b\\c\nd')).toBe('"a\\22 b\\5c c\\a d"');
    // Only the two quotes around it are left.
    expect(cssString('"; } body { display: none } @page { x: "').match(/"/g)).toHaveLength(2);
  });
});

describe('pageCounterContent', () => {
  it('turns "page {page} of {pages}" into CSS counters around quoted text', () => {
    expect(pageCounterContent('Seite {page} von {pages}')).toBe('"Seite " counter(page) " von " counter(pages)');
    expect(pageCounterContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
  });

  it('leaves out empty pieces of text', () => {
    expect(pageCounterContent('{page}/{pages}')).toBe('counter(page) "/" counter(pages)');
  });

  it('reads the app’s own texts', () => {
    expect(pageCounterContent(translator('de')('print.pageOf'))).toBe('"Seite " counter(page) " von " counter(pages)');
    expect(pageCounterContent(translator('en')('print.pageOf'))).toBe('"Page " counter(page) " of " counter(pages)');
  });
});

describe('pageMarginCss', () => {
  it('puts the reference and the page number into every printed page’s bottom margin', () => {
    const css = pageMarginCss('A-2026-000123', 'Seite {page} von {pages}');
    expect(css).toMatch(/^@page\s*\{/);
    expect(css).toMatch(/@bottom-left\s*\{[^}]*content:\s*"A-2026-000123"/);
    expect(css).toMatch(/@bottom-right\s*\{[^}]*content:\s*"Seite " counter\(page\) " von " counter\(pages\)/);
  });
});

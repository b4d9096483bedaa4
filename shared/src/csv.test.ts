import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes German CSV with semicolons, a decimal comma and CRLF line ends', () => {
    expect(
      toCsv(
        ['Kanal', 'Anteil'],
        [
          ['E-Mail', 87.5],
          ['Telefon', null],
        ],
        'de',
      ),
    ).toBe('Kanal;Anteil\r\nE-Mail;87,5\r\nTelefon;\r\n');
  });

  it('writes English CSV with commas and a decimal point', () => {
    expect(toCsv(['Channel', 'Share'], [['Email', 87.5]], 'en')).toBe('Channel,Share\r\nEmail,87.5\r\n');
  });

  it('quotes separators, quotes, line breaks and surrounding spaces', () => {
    expect(toCsv(['a'], [['x;y'], ['say "hi"'], ['two\nlines'], [' padded']], 'de')).toBe(
      'a\r\n"x;y"\r\n"say ""hi"""\r\n"two\nlines"\r\n" padded"\r\n',
    );
  });

  it('keeps spreadsheet formulas inert but leaves negative numbers as numbers', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['=HYPERLINK("x")', -3],
          ['@SUM(A1)', 0],
        ],
        'en',
      ),
    ).toBe('a,b\r\n"\'=HYPERLINK(""x"")",-3\r\n\'@SUM(A1),0\r\n');
  });
});

describe('csvFileName', () => {
  it('names what and when, with a file-system-safe slug', () => {
    expect(csvFileName('Kontakte je Kanal!', '2026-03-01', '2026-03-31')).toBe(
      'anliegen-kontakte-je-kanal-2026-03-01-2026-03-31.csv',
    );
  });
});

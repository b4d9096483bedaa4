import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCaseReference, parseCaseReference, referencesMeant } from './case-reference.js';

describe('case reference', () => {
  it('pads the serial to six digits', () => {
    expect(formatCaseReference(2026, 123)).toBe('A-2026-000123');
  });
  it('round-trips and rejects malformed text', () => {
    expect(parseCaseReference(formatCaseReference(2027, 1234567))).toEqual({ year: 2027, serial: 1234567 });
    expect(parseCaseReference(' A-2026-000001 ')).toEqual({ year: 2026, serial: 1 });
    expect(parseCaseReference('A-26-1')).toBeNull();
    expect(parseCaseReference('B-2026-000001')).toBeNull();
  });
});

describe('references as they are read out (issue 23)', () => {
  const YEAR = 2026;
  const separator = fc.constantFrom(' ', '-', '/', '.', ' - ', '  ', '_', ' / ');
  const rendering = fc.record({
    year: fc.integer({ min: 2000, max: YEAR }),
    serial: fc.integer({ min: 1, max: 9_999_999 }),
    said: fc.constantFrom('', 'Vorgang ', 'vorgangsnummer ', 'Az. ', 'Nr.', 'Aktenzeichen '),
    prefix: fc.constantFrom('', 'A', 'a', 'A-', 'a ', 'A '),
    padded: fc.boolean(),
    yearLast: fc.boolean(),
    between: separator,
    around: fc.constantFrom('', ' ', '\t'),
  });

  it('finds the reference in any spelling with the year', () => {
    fc.assert(
      fc.property(rendering, ({ year, serial, said, prefix, padded, yearLast, between, around }) => {
        const number = padded ? String(serial).padStart(6, '0') : String(serial);
        const text = `${around}${said}${prefix}${yearLast ? `${number}${between}${year}` : `${year}${between}${number}`}${around}`;
        expect(referencesMeant(text, YEAR)).toEqual([formatCaseReference(year, serial)]);
      }),
    );
  });

  it('reads a serial alone as this year’s first, then the years before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.boolean(), (serial, padded) => {
        fc.pre(padded || serial < 2000 || serial > YEAR + 1);
        const text = padded ? String(serial).padStart(6, '0') : String(serial);
        const meant = referencesMeant(text, YEAR);
        expect(meant[0]).toBe(formatCaseReference(YEAR, serial));
        expect(meant.map((reference) => parseCaseReference(reference)?.year)).toEqual([2026, 2025, 2024, 2023, 2022]);
      }),
    );
  });

  it('is nothing for words, phone numbers, a serial of zero or years out of range', () => {
    for (const text of [
      'Laterne',
      'A-2026',
      '030 1234 5678',
      '0151 23456789',
      '0',
      'A-2026-0',
      '1999/423 12',
      'B 2026 423',
      '',
      '2026',
      'a-2027',
    ])
      expect(referencesMeant(text, YEAR), text).toEqual([]);
    // A year after next is no year: "3000 423" is not a reference.
    expect(referencesMeant('3000 423', YEAR)).toEqual([]);
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(/[b-z]/i.test(text));
        expect(referencesMeant(text, YEAR)).toEqual([]);
      }),
    );
  });
});

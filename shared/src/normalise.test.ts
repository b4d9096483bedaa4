import { describe, expect, it } from 'vitest';
import {
  addressKey,
  foldName,
  formatPhone,
  looksLikePhoneNumber,
  normaliseEmail,
  normalisePhone,
  tidyAddress,
} from './normalise.js';

describe('normaliseEmail', () => {
  it('lower-cases and trims', () => {
    expect(normaliseEmail('  Anna.Berg@Example.DE ')).toBe('anna.berg@example.de');
  });
});

describe('normalisePhone', () => {
  it.each([
    ['030 1234567', '+49301234567'],
    ['(030) 123 45 67', '+49301234567'],
    ['+49 30 1234567', '+49301234567'],
    ['0049 30 1234567', '+49301234567'],
    ['030/1234567', '+49301234567'],
    ['0151 23456789', '+4915123456789'],
    ['+43 1 5321234', '+4315321234'],
  ])('reads %s as %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each(['', 'abc', '12', 'anna@example.com'])('rejects %j', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it('formats German numbers nationally and others internationally', () => {
    expect(formatPhone('+49301234567')).toBe('030 1234567');
    expect(formatPhone('+4315321234')).toMatch(/^\+43 1 /);
  });
});

describe('foldName', () => {
  it('treats umlaut spellings, ß and accents as the same name', () => {
    const keys = ['Müller', 'Mueller', 'Muller', 'MÜLLER'].map(foldName);
    expect(new Set(keys)).toEqual(new Set(['muller']));
    expect(foldName('Strauß')).toBe(foldName('Strauss'));
    expect(foldName('José  Pérez-Özdemir')).toBe('jose perez ozdemir');
  });

  it('keeps different names apart', () => {
    expect(foldName('Müller')).not.toBe(foldName('Möller'));
    expect(foldName('Schmidt')).not.toBe(foldName('Schmitt'));
  });
});

describe('addresses', () => {
  it('tidies whitespace and lines', () => {
    expect(tidyAddress('  Hauptstr.  5 \n\n 12345   Musterstadt ')).toBe('Hauptstr. 5\n12345 Musterstadt');
  });
  it('matches "Str." with "Straße" and ignores case and punctuation', () => {
    expect(addressKey('Hauptstr. 5, 12345 Musterstadt')).toBe(addressKey('Hauptstraße 5\n12345 musterstadt'));
  });
});

describe('looksLikePhoneNumber', () => {
  it.each(['(030) 123 45-67', '+49 30 1234567', '030/1234567'])('takes %s for a number', (text) => {
    expect(looksLikePhoneNumber(text)).toBe(true);
  });
  it.each(['123', 'Müller', 'anna@example.com', '030 Müller'])('does not take %s for a number', (text) => {
    expect(looksLikePhoneNumber(text)).toBe(false);
  });
});

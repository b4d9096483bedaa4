import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressKey,
  foldName,
  formatPhone,
  isEmailAddress,
  looksLikePhoneNumber,
  mailDisplayName,
  normaliseEmail,
  normalisePhone,
  tidyAddress,
} from './normalise.js';

describe('normaliseEmail', () => {
  it('lower-cases and trims', () => {
    expect(normaliseEmail('  Anna.Berg@Example.DE ')).toBe('anna.berg@example.de');
  });

  it('gives an internationalised address one form, whichever way the domain is written', () => {
    const forms = [
      'jdöe@mächine.example',
      'JDÖE@MÄCHINE.EXAMPLE',
      'jdöe@xn--mchine-bua.example',
      'jdo\u0308e@ma\u0308chine.example',
    ];
    expect(new Set(forms.map(normaliseEmail))).toEqual(new Set(['jdöe@xn--mchine-bua.example']));
  });

  it('is idempotent and keeps ASCII addresses as they were normalised before', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normaliseEmail(email);
        expect(normaliseEmail(once)).toBe(once);
        expect(once).toBe(email.toLowerCase());
      }),
    );
  });
});

describe('isEmailAddress', () => {
  it.each([
    'anna.berg@example.de',
    "o'brien+desk@sub.example.org",
    'jdöe@mächine.example',
    'JDÖE@MÄCHINE.EXAMPLE',
    'jdöe@xn--mchine-bua.example',
    'user@пример.рф',
    '用户@例子.广告',
    'müller@straße.de',
  ])('accepts %s', (email) => {
    expect(isEmailAddress(email)).toBe(true);
  });

  it.each([
    '',
    'anna.example.com',
    'anna@',
    '@example.de',
    'anna@localhost',
    'anna@@example.de',
    'an@na@example.de',
    'an na@example.de',
    'anna@exa mple.de',
    'anna@example.de/x',
    'anna@example.de:25',
    'anna@1.2.3.4',
    'anna@[127.0.0.1]',
    'anna@-example.de',
    'anna@example-.de',
    'anna@exa_mple.de',
    'anna@example..de',
    'anna@example.de.',
    '.anna@example.de',
    'anna.@example.de',
    'an..na@example.de',
    '"anna"@example.de',
    'anna\u0000@example.de',
    'an\nna@example.de',
    'an\u202ena@example.de',
    'an\u200bna@example.de',
    'anna@xn--zz.de',
    `${'a'.repeat(65)}@example.de`,
    `anna@${'a'.repeat(250)}.de`,
  ])('rejects %j', (email) => {
    expect(isEmailAddress(email)).toBe(false);
  });

  it('accepts generated addresses and whatever case they are written in', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        expect(isEmailAddress(email)).toBe(true);
        expect(isEmailAddress(email.toUpperCase())).toBe(true);
      }),
    );
  });

  it('never accepts a control, format or space character, nor a second @', () => {
    const bad = fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\r', ' ', '\u00a0', '\u200b', '\u202e', '\u2028', '\ufeff', '@');
    fc.assert(
      fc.property(fc.emailAddress(), bad, fc.nat(), (email, char, at) => {
        const position = 1 + (at % (email.length - 1));
        expect(isEmailAddress(`${email.slice(0, position)}${char}${email.slice(position)}`)).toBe(false);
      }),
    );
  });
});

describe('mailDisplayName', () => {
  it('reads the name of a From address, quoted or not', () => {
    expect(mailDisplayName('Bürgerservice Musterstadt <buergerservice@musterstadt.de>')).toBe('Bürgerservice Musterstadt');
    expect(mailDisplayName(' "Stadt Musterstadt, Bürgerbüro" <post@musterstadt.de>')).toBe('Stadt Musterstadt, Bürgerbüro');
  });

  it('is null without a name', () => {
    expect(mailDisplayName('buergerservice@musterstadt.de')).toBeNull();
    expect(mailDisplayName('<buergerservice@musterstadt.de>')).toBeNull();
    expect(mailDisplayName('"" <buergerservice@musterstadt.de>')).toBeNull();
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

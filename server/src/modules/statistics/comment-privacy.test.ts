import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutPersonalData } from './comment-privacy.js';

/** Words a citizen writes around what must go: letters, digits of dates and amounts, punctuation. */
const words = fc.array(
  fc.constantFrom('Danke', 'für', 'die', 'Hilfe', 'am', '12.03.2026', '3', 'Euro', '!', ',', 'Öffnungszeiten'),
  {
    maxLength: 8,
  },
);
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/),
    fc.stringMatching(/^[a-z]{2,10}$/),
    fc.constantFrom('de', 'org', 'com'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const phone = fc
  .tuple(fc.constantFrom('030', '0151', '+49 30', '(0221)', '089/'), fc.stringMatching(/^\d{3,4}[ -]?\d{3,5}$/))
  .map(([prefix, rest]) => `${prefix} ${rest}`);
const name = fc.constantFrom('Berta', 'Müller', 'Anna-Lena', 'Özdemir', 'Kowalski');

describe('withoutPersonalData', () => {
  it('takes out every email address, phone number and the writer’s names, wherever they stand', () => {
    fc.assert(
      fc.property(words, email, phone, name, name, words, (before, address, number, given, family, after) => {
        const comment = [...before, given, family, 'schreibt:', address, 'Tel.', number, ...after].join(' ');
        const shown = withoutPersonalData(comment, [given, family]);
        expect(shown).not.toContain(address);
        expect(shown.replace(/\D/g, '')).not.toContain(number.replace(/\D/g, ''));
        for (const part of `${given} ${family}`.split(/[\s-]+/)) {
          expect(shown.toLowerCase()).not.toMatch(new RegExp(`(?<!\\p{L})${part.toLowerCase()}(?!\\p{L})`, 'u'));
        }
        // What is left of the words stays.
        for (const word of [...before, ...after].filter((w) => /^\p{L}+$/u.test(w))) expect(shown).toContain(word);
      }),
    );
  });

  it('keeps dates, small numbers and other people’s words', () => {
    expect(
      withoutPersonalData('Termin am 12.03.2026 um 9 Uhr, Zimmer 3, 25 Euro. Frau Berg war nett.', ['Anna', 'Schmidt']),
    ).toBe('Termin am 12.03.2026 um 9 Uhr, Zimmer 3, 25 Euro. Frau Berg war nett.');
    expect(withoutPersonalData('Herr berg und BERGMANN', [null, 'Berg'])).toBe('Herr […] und BERGMANN');
  });
});

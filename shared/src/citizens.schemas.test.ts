import { describe, expect, it } from 'vitest';
import { contactPointInput } from './citizens.schemas.js';
import { webformInput } from './webform.schemas.js';

describe('email contact points', () => {
  it('are one contact however an internationalised address is written, and keep the readable form', () => {
    const parsed = ['jdöe@mächine.example', ' JDÖE@MÄCHINE.EXAMPLE ', 'jdöe@xn--mchine-bua.example'].map((value) =>
      contactPointInput.parse({ kind: 'email', value }),
    );
    expect(new Set(parsed.map((contact) => contact.normalized))).toEqual(new Set(['jdöe@xn--mchine-bua.example']));
    expect(parsed[0]?.value).toBe('jdöe@mächine.example');
  });

  it('rejects what is no address', () => {
    for (const value of ['jdöe@', 'jd öe@mächine.example', 'jdöe@mächine', 'a@b@mächine.example'])
      expect(contactPointInput.safeParse({ kind: 'email', value }).success).toBe(false);
  });

  it('the public web form takes an internationalised address too', () => {
    const form = { name: 'Jörg Döe', categoryId: '1', text: 'Bitte um Rückruf.', consent: 'yes' };
    expect(webformInput.safeParse({ ...form, email: 'jdöe@mächine.example' }).success).toBe(true);
    expect(webformInput.safeParse({ ...form, email: 'jdöe@mächine' }).success).toBe(false);
  });
});

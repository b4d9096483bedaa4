import { createCitizenInput, loginInput, newPasswordSchema } from '@anliegen/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translator } from '../test/i18n';
import { fieldErrorsOf } from './validate';

const de = translator('de');
const en = translator('en');

describe('fieldErrorsOf', () => {
  it('gives null for valid values', () => {
    expect(fieldErrorsOf(loginInput, { email: 'anna@example.org', password: 'x' }, de)).toBeNull();
  });

  it('names each field’s problem in German', () => {
    expect(fieldErrorsOf(loginInput, { email: '', password: '' }, de)).toEqual({
      email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
      password: 'Bitte füllen Sie dieses Feld aus.',
    });
  });

  it('names each field’s problem in English', () => {
    expect(fieldErrorsOf(loginInput, { email: 'anna@', password: '' }, en)).toEqual({
      email: 'Please enter a valid email address.',
      password: 'Please fill in this field.',
    });
  });

  it('says the limits of a length rule', () => {
    const schema = z.object({ name: z.string().min(3).max(5) });
    expect(fieldErrorsOf(schema, { name: 'ab' }, de)).toEqual({ name: 'Bitte mindestens 3 Zeichen eingeben.' });
    expect(fieldErrorsOf(schema, { name: 'abcdef' }, en)).toEqual({ name: 'Please enter at most 5 characters.' });
  });

  it('uses the shared schemas’ own message keys, and only the first problem of a field', () => {
    const schema = z.object({ password: newPasswordSchema });
    // Too short and too simple: the first rule broken is the one shown.
    expect(fieldErrorsOf(schema, { password: 'aaa' }, de)).toEqual({
      password: 'Das Passwort muss mindestens 12 Zeichen lang sein.',
    });
    expect(fieldErrorsOf(schema, { password: 'aaaaaaaaaaaaaaaa' }, en)?.password).toMatch(/too simple/i);
  });

  it('puts a rule across fields where the schema says', () => {
    expect(fieldErrorsOf(createCitizenInput, {}, de)).toEqual({
      familyName: 'Bitte geben Sie einen Namen oder einen Kontakt an.',
    });
  });

  it('says "invalid" for anything else', () => {
    expect(fieldErrorsOf(z.object({ count: z.number() }), { count: 'drei' }, de)).toEqual({ count: 'Dieser Wert ist ungültig.' });
  });
});

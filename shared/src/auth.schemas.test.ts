import { describe, expect, it } from 'vitest';
import { loginInput, newPasswordSchema } from './auth.schemas.js';

describe('auth schemas', () => {
  it('normalises the login email', () => {
    expect(loginInput.parse({ email: '  Anna.Berg@Example.DE ', password: 'x' }).email).toBe('anna.berg@example.de');
  });
  it('rejects an invalid email', () => {
    expect(loginInput.safeParse({ email: 'not-an-email', password: 'x' }).success).toBe(false);
  });
  it('enforces the password policy', () => {
    expect(newPasswordSchema.safeParse('kurz').success).toBe(false);
    expect(newPasswordSchema.safeParse('aaaaaaaaaaaaaaaa').success).toBe(false);
    expect(newPasswordSchema.safeParse('Rathaus-Schluessel-7').success).toBe(true);
  });
});

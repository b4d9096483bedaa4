import { APP_ERROR_CODES } from '@anliegen/shared';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { TEXTS, translator } from '../test/i18n';
import { errorCodeOf, errorMessage } from './errors';

/** An error as the tRPC client makes it from the server's answer. */
const answered = (data: Record<string, unknown>) => TRPCClientError.from({ error: { code: -32600, message: 'failed', data } });

describe('errorCodeOf', () => {
  it('takes the server’s code', () => {
    expect(errorCodeOf(answered({ appCode: 'cases.merged', httpStatus: 409 }))).toBe('cases.merged');
    expect(errorCodeOf(answered({ appCode: 'auth.unauthenticated', httpStatus: 401 }))).toBe('auth.unauthenticated');
  });

  it('says "internal" for an answer without a known code', () => {
    expect(errorCodeOf(answered({ httpStatus: 500 }))).toBe('internal');
    expect(errorCodeOf(answered({ appCode: 'no.such.code' }))).toBe('internal');
  });

  it('says "network" when no answer came', () => {
    expect(errorCodeOf(TRPCClientError.from(new TypeError('Failed to fetch')))).toBe('network');
  });

  it('says "internal" for anything else that was thrown', () => {
    expect(errorCodeOf(new Error('boom'))).toBe('internal');
    expect(errorCodeOf('boom')).toBe('internal');
    expect(errorCodeOf(undefined)).toBe('internal');
  });
});

describe('errorMessage', () => {
  it('tells the user in their language', () => {
    const error = answered({ appCode: 'cases.merged' });
    expect(errorMessage(error, translator('de'))).toBe('Dieser Vorgang wurde bereits in einen anderen zusammengeführt.');
    expect(errorMessage(error, translator('en'))).toBe('This case was already merged into another one.');
    expect(errorMessage(TRPCClientError.from(new TypeError('Failed to fetch')), translator('en'))).toBe(
      'No connection to the server. Please check the network connection and try again.',
    );
  });

  it('has a text for every code the server sends, in both languages', () => {
    for (const locale of ['de', 'en'] as const) {
      for (const code of [...APP_ERROR_CODES, 'network'] as const) {
        expect(TEXTS[locale][`errors.${code}`], `${locale} errors.${code}`).toBeTruthy();
      }
    }
  });
});

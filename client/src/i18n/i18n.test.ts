import { describe, expect, it, vi } from 'vitest';
import { TEXTS } from '../test/i18n';
import { interpolate, type MessageKey, textsByLocale } from './i18n';
import { isMessageKey } from './page-i18n';

describe('interpolate', () => {
  it('fills in named placeholders, numbers as they are', () => {
    expect(interpolate('Fällig: {when}', { when: '31.03.2026, 10:00' })).toBe('Fällig: 31.03.2026, 10:00');
    expect(interpolate('{n} Tage, {n} Nächte', { n: 3 })).toBe('3 Tage, 3 Nächte');
    expect(interpolate('{n} Min.', { n: 0 })).toBe('0 Min.');
  });

  it('leaves a placeholder without a value as it is, and text without values untouched', () => {
    expect(interpolate('Hallo {name}', {})).toBe('Hallo {name}');
    expect(interpolate('Hallo {name}')).toBe('Hallo {name}');
  });

  it('does not read values as patterns', () => {
    expect(interpolate('Suche: {q}', { q: '$& {q} $1' })).toBe('Suche: $& {q} $1');
  });
});

describe('textsByLocale', () => {
  it('has German at once and loads another language once, giving the same pending load meanwhile', async () => {
    const english = { hello: 'Hello' };
    const load = vi.fn(() => Promise.resolve(english));
    const texts = textsByLocale({ hello: 'Hallo' }, { en: load });
    expect(texts('de')).toEqual({ hello: 'Hallo' });
    const first = texts('en');
    expect(first).toBeInstanceOf(Promise);
    expect(texts('en')).toBe(first);
    await expect(first).resolves.toBe(english);
    expect(texts('en')).toBe(english);
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('the dictionaries', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  const keys = Object.keys(TEXTS.de) as MessageKey[];

  it('have the same keys in English as in German', () => {
    expect(Object.keys(TEXTS.en).sort()).toEqual([...keys].sort());
  });

  it('use the same placeholders in both languages, so no value goes missing in one', () => {
    const differing = keys.filter((key) => placeholders(TEXTS.de[key]).join() !== placeholders(TEXTS.en[key]).join());
    expect(differing).toEqual([]);
  });

  it('know their keys', () => {
    expect(isMessageKey('validation.required')).toBe(true);
    expect(isMessageKey('errors.network')).toBe(true);
    expect(isMessageKey('validation.no.such.rule')).toBe(false);
  });
});

import { CASE_STATUSES, CHANNELS, parseSearchQuery } from '@anliegen/shared';
import { describe, expect, it, vi } from 'vitest';
import { TEXTS } from '../test/i18n';
import { auditDetailTextsDe } from './audit-detail-texts';
import { auditTextsDe } from './audit-texts';
import { de } from './de';
import { interpolate, type MessageKey, textsByLocale } from './i18n';
import { isMessageKey } from './page-i18n';
import { dePages } from './pages.de';

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

  it('picks the singular of {n:one|other} for exactly one, also when the number comes formatted', () => {
    const text = '{n} {n:Vorgang|Vorgänge} ausgewählt';
    expect(interpolate(text, { n: 1 })).toBe('1 Vorgang ausgewählt');
    expect(interpolate(text, { n: '1' })).toBe('1 Vorgang ausgewählt');
    for (const n of [0, 2, 21, '1.000', '1,5']) expect(interpolate(text, { n })).toBe(`${n} Vorgänge ausgewählt`);
    expect(interpolate('{n:Tag|Tage}', {})).toBe('{n:Tag|Tage}');
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
  const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)[:}]/g)].map((match) => match[1]))].sort();
  const keys = Object.keys(TEXTS.de) as MessageKey[];

  it('hold every text: the entry chunk, the pages and the audit log', () => {
    for (const dictionary of [de, dePages, auditTextsDe, auditDetailTextsDe])
      expect(keys).toEqual(expect.arrayContaining(Object.keys(dictionary)));
  });

  it('have the same keys in English as in German', () => {
    expect(Object.keys(TEXTS.en).sort()).toEqual([...keys].sort());
  });

  it('never say "1 Vorgänge": a count of one takes the singular in both languages', () => {
    // Plural nouns the texts count with; English plurals end in s.
    // "1 von 1 Vorgängen" and "1 of 1 cases" are fine.
    const plural =
      /(?<!(von|of) )\b1 (Vorgänge|Vorgängen|Einträge|Tage|Tagen|Kontakte|Minuten|Stunden|Personen|Regeln|Dateien|E-Mails|Nachrichten|Anhänge|Adressen|Einträgen|[a-z]+[^aius]s)\b/;
    const wrong = (['de', 'en'] as const).flatMap((locale) =>
      keys
        .map((key) => {
          const text = TEXTS[locale][key];
          const vars = Object.fromEntries(placeholders(text).map((name) => [name, 1]));
          return `${locale} ${key}: ${interpolate(text, vars)}`;
        })
        .filter((line) => plural.test(line)),
    );
    expect(wrong).toEqual([]);
  });

  it('use the same placeholders in both languages, so no value goes missing in one', () => {
    const differing = keys.filter((key) => placeholders(TEXTS.de[key]).join() !== placeholders(TEXTS.en[key]).join());
    expect(differing).toEqual([]);
  });

  it('name channels and statuses with words the search takes (kanal:Schalter, status:"Wartet auf Rückmeldung")', () => {
    const rejected = [
      ...CHANNELS.map((channel) => `kanal:"${TEXTS.de[`channels.${channel}`]}"`),
      ...CASE_STATUSES.filter((status) => status !== 'open').map((status) => `status:"${TEXTS.de[`status.${status}`]}"`),
    ].filter((query) => parseSearchQuery(query).problems.length > 0);
    expect(rejected).toEqual([]);
  });

  it('know their keys', () => {
    expect(isMessageKey('validation.required')).toBe(true);
    expect(isMessageKey('errors.network')).toBe(true);
    expect(isMessageKey('validation.no.such.rule')).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateRange, parseSearchQuery } from './search-query.js';

/** The German words of docs/glossary.md that the search help names, with the English alias of each. */
const GERMAN_KEYS = { kanal: 'channel', status: 'status', team: 'team', von: 'from', datum: 'date', schlagwort: 'tag' };
const GERMAN_CHANNELS = { 'e-mail': 'email', webformular: 'webform', telefon: 'phone', schalter: 'counter', notiz: 'note' };
const GERMAN_STATUSES = {
  offen: 'open',
  neu: 'new',
  wartend: 'waiting',
  rückmeldung: 'waiting_citizen',
  intern: 'waiting_internal',
  erledigt: 'resolved',
  geschlossen: 'closed',
  fertig: 'done',
};

/** The same word in any mix of upper and lower case. */
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join(''));

describe('the German search keys and values', () => {
  it('mean what their English aliases mean, in any case', () => {
    const values = { channel: 'email', status: 'neu', team: 'Bürgeramt', from: 'Müller', date: '3.2026', tag: 'Bauantrag' };
    fc.assert(
      fc.property(
        fc
          .constantFrom(...Object.entries(GERMAN_KEYS))
          .chain(([german, english]) => anyCase(german).map((key) => ({ key, english }))),
        ({ key, english }) => {
          const value = values[english as keyof typeof values];
          const parsed = parseSearchQuery(`${key}:${value}`);
          expect(parsed.problems).toEqual([]);
          expect(parsed.terms).toEqual([]);
          expect(parsed.filters).toEqual(parseSearchQuery(`${english}:${value}`).filters);
        },
      ),
    );
  });

  it('take every German channel and status word, in any case, as the English one', () => {
    const pairs = [
      ...Object.entries(GERMAN_CHANNELS).map(([german, english]) => ({ key: 'kanal', german, english })),
      ...Object.entries(GERMAN_STATUSES).map(([german, english]) => ({ key: 'status', german, english })),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs).chain((pair) => anyCase(pair.german).map((german) => ({ ...pair, german }))),
        ({ key, german, english }) => {
          const parsed = parseSearchQuery(`${key}:${german}`);
          expect(parsed.problems).toEqual([]);
          expect(parsed.filters).toEqual(parseSearchQuery(`${key}:${english}`).filters);
        },
      ),
    );
  });

  it('take the status labels themselves, quoted, and umlauts spelled out', () => {
    expect(parseSearchQuery('status:"Wartet auf Rückmeldung"').filters).toEqual({ statuses: ['waiting_citizen'] });
    expect(parseSearchQuery('status:"Wartet intern"').filters).toEqual({ statuses: ['waiting_internal'] });
    expect(parseSearchQuery('status:Rueckmeldung').filters).toEqual({ statuses: ['waiting_citizen'] });
  });
});

describe('parseSearchQuery', () => {
  it('separates words, phrases and filters', () => {
    const parsed = parseSearchQuery(
      'Sperrmüll "Abholung am Montag" channel:email status:open team:"Bürgeramt Mitte" von:anna@example.com',
    );
    expect(parsed.terms).toEqual([
      { kind: 'word', text: 'Sperrmüll' },
      { kind: 'phrase', text: 'Abholung am Montag' },
    ]);
    expect(parsed.filters).toEqual({
      channels: ['email'],
      statuses: ['new', 'open', 'waiting_citizen', 'waiting_internal'],
      team: 'Bürgeramt Mitte',
      from: 'anna@example.com',
    });
    expect(parsed.problems).toEqual([]);
  });

  it('takes German keys and values', () => {
    const parsed = parseSearchQuery('kanal:Telefon status:erledigt datum:3.2026');
    expect(parsed.filters).toEqual({
      channels: ['phone'],
      statuses: ['resolved'],
      dateFrom: '2026-03-01',
      dateTo: '2026-03-31',
    });
  });

  it('combines repeated channel and status filters', () => {
    expect(parseSearchQuery('channel:email channel:webform status:new status:closed').filters).toEqual({
      channels: ['email', 'webform'],
      statuses: ['new', 'closed'],
    });
  });

  it('searches unknown prefixes and a lone quoted word as text', () => {
    expect(parseSearchQuery('Az:12 "Antrag"').terms).toEqual([
      { kind: 'word', text: 'Az:12' },
      { kind: 'word', text: 'Antrag' },
    ]);
  });

  it('reads an unclosed quote to the end', () => {
    expect(parseSearchQuery('"Laterne defekt').terms).toEqual([{ kind: 'phrase', text: 'Laterne defekt' }]);
  });

  it('reports the tokens it cannot use', () => {
    expect(parseSearchQuery('channel:fax status:irgendwie date:2026-13 team: Laterne').problems).toEqual([
      { token: 'channel:fax', problem: 'channel' },
      { token: 'status:irgendwie', problem: 'status' },
      { token: 'date:2026-13', problem: 'date' },
      { token: 'team:', problem: 'empty' },
    ]);
  });
});

describe('parseDateRange', () => {
  it.each([
    ['2026', { dateFrom: '2026-01-01', dateTo: '2026-12-31' }],
    ['2026-02', { dateFrom: '2026-02-01', dateTo: '2026-02-28' }],
    ['2024-02', { dateFrom: '2024-02-01', dateTo: '2024-02-29' }],
    ['2026-03-05', { dateFrom: '2026-03-05', dateTo: '2026-03-05' }],
    ['5.3.2026', { dateFrom: '2026-03-05', dateTo: '2026-03-05' }],
    ['2026-03-01..2026-03-15', { dateFrom: '2026-03-01', dateTo: '2026-03-15' }],
    ['1.3.2026..2026-04', { dateFrom: '2026-03-01', dateTo: '2026-04-30' }],
    ['2026-03..', { dateFrom: '2026-03-01' }],
    ['..2026-03', { dateTo: '2026-03-31' }],
  ])('%s', (text, range) => {
    expect(parseDateRange(text)).toEqual(range);
  });

  it.each(['gestern', '2026-02-30', '31.2.2026', '2026-04..2026-03', '..', '2026..2027..2028', '0999'])('rejects %s', (text) => {
    expect(parseDateRange(text)).toBeNull();
  });
});

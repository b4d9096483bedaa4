import { describe, expect, it } from 'vitest';
import { parseDateRange, parseSearchQuery } from './search-query.js';

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

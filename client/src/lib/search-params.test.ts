import { MAX_DB_INTEGER, SEARCH_QUERY_MAX_LENGTH } from '@anliegen/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { idParam, optionalParam, searchTextParam } from './search-params';

/** As the routes use them: a search object whose params fall back to absent. */
const search = z.object({ teamId: optionalParam(idParam), q: optionalParam(searchTextParam) });

describe('idParam', () => {
  it('takes database ids: positive integers up to the largest the databases store', () => {
    expect(z.safeParse(idParam, 1).success).toBe(true);
    expect(z.safeParse(idParam, MAX_DB_INTEGER).success).toBe(true);
    for (const bad of [0, -1, 1.5, MAX_DB_INTEGER + 1, '1', Number.NaN, null]) {
      expect(z.safeParse(idParam, bad).success).toBe(false);
    }
  });

  it('takes every id as it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_DB_INTEGER }), (id) => {
        expect(z.parse(idParam, id)).toBe(id);
      }),
    );
  });
});

describe('searchTextParam', () => {
  it('trims the text and refuses an empty one', () => {
    expect(z.parse(searchTextParam, '  Laterne defekt ')).toBe('Laterne defekt');
    expect(z.safeParse(searchTextParam, '   ').success).toBe(false);
    expect(z.safeParse(searchTextParam, '').success).toBe(false);
  });

  it(`allows ${SEARCH_QUERY_MAX_LENGTH} characters, as the search box does`, () => {
    expect(z.safeParse(searchTextParam, 'a'.repeat(SEARCH_QUERY_MAX_LENGTH)).success).toBe(true);
    expect(z.safeParse(searchTextParam, 'a'.repeat(SEARCH_QUERY_MAX_LENGTH + 1)).success).toBe(false);
  });
});

describe('optionalParam', () => {
  it('keeps good values', () => {
    expect(z.parse(search, { teamId: 7, q: 'status:open' })).toEqual({ teamId: 7, q: 'status:open' });
  });

  it('drops a bad or missing value instead of failing the page (an old or edited link still opens)', () => {
    expect(z.parse(search, { teamId: 'sieben', q: '' })).toEqual({ teamId: undefined, q: undefined });
    expect(z.parse(search, {})).toEqual({ teamId: undefined, q: undefined });
  });

  it('never fails, whatever the URL holds', () => {
    fc.assert(
      fc.property(fc.record({ teamId: fc.anything(), q: fc.anything() }), (params) => {
        const parsed = z.parse(search, params);
        if (parsed.teamId !== undefined) expect(parsed.teamId).toBe(params.teamId);
        if (parsed.q !== undefined) expect(parsed.q).toBe((params.q as string).trim());
      }),
    );
  });
});

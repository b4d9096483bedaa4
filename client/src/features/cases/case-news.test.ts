import { describe, expect, it } from 'vitest';
import { caseNews } from './case-news';

const view = (status: 'new' | 'open', version: number, timeline: [number, string | null][]) => ({
  case: { status, version },
  timeline: timeline.map(([id, authorName]) => ({ id, authorName })),
});

describe('caseNews', () => {
  it('names the authors of new entries once each, the citizen as null, and a new status', () => {
    const shown = view('new', 3, [[1, null]]);
    const live = view('open', 5, [
      [1, null],
      [2, 'Jonas Becker'],
      [3, null],
      [4, 'Jonas Becker'],
    ]);
    expect(caseNews(shown, live)).toEqual({ authors: ['Jonas Becker', null], status: 'open', details: false });
  });

  it('says "details" when neither entries nor the status changed', () => {
    expect(caseNews(view('open', 3, [[1, null]]), view('open', 4, [[1, null]]))).toEqual({
      authors: [],
      status: null,
      details: true,
    });
  });
});

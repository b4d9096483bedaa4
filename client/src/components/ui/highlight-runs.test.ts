import { HIGHLIGHT_END as END, HIGHLIGHT_START as START } from '@anliegen/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightRuns } from './highlight-runs';

describe('highlightRuns', () => {
  it('splits marked text into plain and marked runs', () => {
    expect(highlightRuns(`Die ${START}Laterne${END} ist defekt`)).toEqual([
      { start: 0, text: 'Die ', marked: false },
      { start: 5, text: 'Laterne', marked: true },
      { start: 13, text: ' ist defekt', marked: false },
    ]);
  });

  it('gives text without marks as one plain run, and empty text as none', () => {
    expect(highlightRuns('Straßenlaterne')).toEqual([{ start: 0, text: 'Straßenlaterne', marked: false }]);
    expect(highlightRuns('')).toEqual([]);
  });

  it('handles marks at either end and empty marks', () => {
    expect(highlightRuns(`${START}Müll${END}`)).toEqual([{ start: 1, text: 'Müll', marked: true }]);
    expect(highlightRuns(`a${START}${END}b`)).toEqual([
      { start: 0, text: 'a', marked: false },
      { start: 3, text: 'b', marked: false },
    ]);
  });

  it('keeps markup as text (React escapes it)', () => {
    expect(highlightRuns(`<b>${START}x${END}</b>`).map((run) => run.text)).toEqual(['<b>', 'x', '</b>']);
  });

  const marked = fc.array(fc.oneof(fc.string(), fc.constantFrom(START, END))).map((parts) => parts.join(''));

  it('loses no character: the runs are the text without its marks, each found where it starts', () => {
    fc.assert(
      fc.property(marked, (text) => {
        const runs = highlightRuns(text);
        expect(runs.map((run) => run.text).join('')).toBe(text.replaceAll(START, '').replaceAll(END, ''));
        for (const run of runs) expect(text.slice(run.start, run.start + run.text.length)).toBe(run.text);
      }),
    );
  });

  it('gives each run its own key', () => {
    fc.assert(
      fc.property(marked, (text) => {
        const starts = highlightRuns(text).map((run) => run.start);
        expect(new Set(starts).size).toBe(starts.length);
      }),
    );
  });
});

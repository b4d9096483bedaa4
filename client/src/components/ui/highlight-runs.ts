import { HIGHLIGHT_END, HIGHLIGHT_START } from '@anliegen/shared';

export interface HighlightRun {
  /** Where the run starts in the marked text: unique, so it keys the run. */
  start: number;
  text: string;
  marked: boolean;
}

/** Splits text with matches between HIGHLIGHT_START and HIGHLIGHT_END into plain and marked runs. */
export function highlightRuns(text: string): HighlightRun[] {
  const runs: HighlightRun[] = [];
  let position = 0;
  let marked = false;
  let plainStart = 0;
  let run = '';
  for (const part of text.split(new RegExp(`([${HIGHLIGHT_START}${HIGHLIGHT_END}])`))) {
    if (part === HIGHLIGHT_START || part === HIGHLIGHT_END) {
      if (run) runs.push({ start: plainStart, text: run, marked });
      marked = part === HIGHLIGHT_START;
      run = '';
      plainStart = position + 1;
    } else {
      run += part;
    }
    position += part.length;
  }
  if (run) runs.push({ start: plainStart, text: run, marked });
  return runs;
}

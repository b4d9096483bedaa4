import { HIGHLIGHT_END, HIGHLIGHT_START } from '@anliegen/shared';

/** Splits marked text into plain and marked runs, each keyed by where it starts. */
export function highlightRuns(text: string): { start: number; text: string; marked: boolean }[] {
  const runs: { start: number; text: string; marked: boolean }[] = [];
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

/**
 * Text from the search with its matched words between HIGHLIGHT_START and HIGHLIGHT_END, shown with <mark>.
 * The text stays text: React escapes it, so a message containing markup cannot inject any.
 */
export function HighlightedText({ text }: { text: string }) {
  return (
    <>
      {highlightRuns(text).map((run) =>
        run.marked ? <mark key={run.start}>{run.text}</mark> : <span key={run.start}>{run.text}</span>,
      )}
    </>
  );
}

import { highlightRuns } from './highlight-runs';

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

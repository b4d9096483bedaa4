/** Splits a message into what the writer wrote and the quoted earlier mail ("> …" lines and what follows "Am … schrieb"). */
export function splitQuoted(text: string): { own: string; quoted: string } {
  const lines = text.split('\n');
  const start = lines.findIndex(
    (line, index) =>
      /^\s*>/.test(line) ||
      (/^(Am|On) .+(schrieb|wrote).*:\s*$/.test(line) && lines.slice(index + 1).some((next) => /^\s*>/.test(next))),
  );
  if (start <= 0) return { own: text, quoted: start === 0 ? text : '' };
  return { own: lines.slice(0, start).join('\n').trimEnd(), quoted: lines.slice(start).join('\n') };
}

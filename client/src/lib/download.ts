/** Saves text as a file: a Blob behind a temporary link with `download`, released right after the click. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after the click returns; release it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

import { UTF8_BOM } from './csv';

/** Saves text as a file: a Blob behind a temporary link with `download`, released right after the click. */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob([UTF8_BOM, csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
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

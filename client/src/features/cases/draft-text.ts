/** Appends a text to a draft, a blank line apart from what is already there. */
export function appendToDraft(draft: string, text: string): string {
  if (draft.trim() === '') return text;
  return `${draft.replace(/\s+$/, '')}\n\n${text}`;
}

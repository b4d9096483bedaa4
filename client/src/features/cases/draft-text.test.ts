import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendToDraft } from './draft-text';

describe('appendToDraft', () => {
  it('puts the text into an empty or blank draft as it is', () => {
    expect(appendToDraft('', 'Mit freundlichen Grüßen')).toBe('Mit freundlichen Grüßen');
    expect(appendToDraft('  \n\n', 'Mit freundlichen Grüßen')).toBe('Mit freundlichen Grüßen');
  });

  it('adds the text a blank line after what is there, trailing blanks dropped', () => {
    expect(appendToDraft('Guten Tag,', 'vielen Dank.')).toBe('Guten Tag,\n\nvielen Dank.');
    expect(appendToDraft('Guten Tag,  \n\n\n', 'vielen Dank.')).toBe('Guten Tag,\n\nvielen Dank.');
  });

  it('never changes what the agent typed, apart from trailing blanks', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (draft, text) => {
        const result = appendToDraft(draft, text);
        expect(result.endsWith(text)).toBe(true);
        if (draft.trim() !== '') expect(result).toBe(`${draft.trimEnd()}\n\n${text}`);
      }),
    );
  });
});

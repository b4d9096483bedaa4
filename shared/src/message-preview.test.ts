import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_PREVIEW_MAX, messagePreview } from './message-preview.js';

describe('messagePreview', () => {
  it('is the first line that says something, in one line', () => {
    expect(messagePreview('\n\n   Die Laterne  ist\taus.  \nZweite Zeile')).toBe('Die Laterne ist aus.');
    expect(messagePreview('Nur eine Zeile')).toBe('Nur eine Zeile');
  });

  it('skips a greeting on its own line, but not when it is all there is', () => {
    expect(messagePreview('Sehr geehrte Damen und Herren,\n\nvor unserem Haus ist die Laterne aus.')).toBe(
      'vor unserem Haus ist die Laterne aus.',
    );
    expect(messagePreview('Hallo Frau Berger!\nDanke, das hat geklappt.')).toBe('Danke, das hat geklappt.');
    expect(messagePreview('Guten Tag,')).toBe('Guten Tag,');
    // A first line that starts like a greeting but says more is the matter itself.
    expect(messagePreview('Hallo, ich möchte meinen Hund abmelden. Er ist leider verstorben, was nun?\nGruß')).toBe(
      'Hallo, ich möchte meinen Hund abmelden. Er ist leider verstorben, was nun?',
    );
  });

  it('never shows quoted text or a signature as the first line', () => {
    expect(messagePreview('> Ihre Anfrage vom 3. Dezember\n> ist eingegangen.')).toBeNull();
    expect(messagePreview('\nAm 03.12.2026 um 10:12 schrieb Stadt <post@stadt.example>:\n> Wir haben …')).toBeNull();
    expect(messagePreview('-----Ursprüngliche Nachricht-----\nVon: Stadt\nDanke')).toBeNull();
    expect(messagePreview('-- \nMax Mustermann\nTel. 0123')).toBeNull();
    expect(messagePreview('Danke!\n\nAm 03.12.2026 schrieb Stadt:\n> Text')).toBe('Danke!');
  });

  it('is cut at a word with "…" when long', () => {
    const long = `${'Wort '.repeat(60)}Ende`;
    const preview = messagePreview(long)!;
    expect(preview.length).toBeLessThanOrEqual(MESSAGE_PREVIEW_MAX);
    expect(preview.endsWith('Wort…')).toBe(true);
  });

  it('is null for a text without words', () => {
    expect(messagePreview('')).toBeNull();
    expect(messagePreview(' \n\t\n ')).toBeNull();
  });

  it('is always one trimmed line of at most MESSAGE_PREVIEW_MAX characters that the text contains', () => {
    const texts = fc.string({ unit: fc.constantFrom('a', 'Ü', ' ', '\n', '\r', '\t', '>', '-', ',', 'Hallo'), maxLength: 400 });
    fc.assert(
      fc.property(texts, (text) => {
        const preview = messagePreview(text);
        if (preview === null) return;
        expect(preview).not.toMatch(/[\r\n\t]|^\s|\s$|\s\s/);
        expect(preview.length).toBeGreaterThan(0);
        expect(preview.length).toBeLessThanOrEqual(MESSAGE_PREVIEW_MAX);
        const words = preview.replace(/…$/, '').split(' ');
        expect(words.every((word) => text.includes(word))).toBe(true);
      }),
    );
  });
});

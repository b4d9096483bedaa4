import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationPdf } from './conversation.pdf.js';
import { readsRightToLeft, visualLine, wrapLines } from './pdf-bidi.js';

const ARABIC_LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const LATIN_LETTERS = [...'abcdefghijklmnopqrstuvwxyzäöüß'];
const word = (letters: string[]) => fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 }).map((l) => l.join(''));
const arabicWords = fc.array(word(ARABIC_LETTERS), { minLength: 1, maxLength: 12 });
const latinWords = fc.array(word(LATIN_LETTERS), { minLength: 1, maxLength: 12 });

describe('a right-to-left line in the order of display', () => {
  it('puts Arabic words from right to left, each word as written', () => {
    fc.assert(
      fc.property(arabicWords, (words) => {
        expect(visualLine(words.join(' '))).toBe([...words].reverse().join(' '));
      }),
    );
  });

  it('keeps a run of Latin words or digits in its own order, placed where the Arabic sentence has it', () => {
    fc.assert(
      fc.property(arabicWords, latinWords, arabicWords, (before, latin, after) => {
        const line = [...before, ...latin, ...after].join(' ');
        expect(visualLine(line)).toBe([...[...after].reverse(), latin.join(' '), ...[...before].reverse()].join(' '));
      }),
    );
    expect(visualLine('رقم 2026 عن')).toBe('عن 2026 رقم');
  });

  it('mirrors brackets inside right-to-left text and loses no character of any line', () => {
    // The word keeps its letters in written order (fontkit reverses them when drawing), its brackets mirrored, so
    // they show the right way round once drawn.
    expect(visualLine('مهم (جدا)')).toBe(')جدا( مهم');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ARABIC_LETTERS, ...LATIN_LETTERS, ' ', '1', '.', ',') }), (line) => {
        const letters = (text: string) => [...text].sort().join('');
        expect(letters(visualLine(line))).toBe(letters(line));
      }),
    );
  });

  it('knows a paragraph by its first strong letter', () => {
    expect(readsRightToLeft('2026 مرحبا Wohngeld')).toBe(true);
    expect(readsRightToLeft('Wohngeld مرحبا')).toBe(false);
    expect(readsRightToLeft('12345')).toBe(false);
  });
});

describe('wrapping a paragraph', () => {
  it('makes lines no wider than the width, of the same words in the same order', () => {
    const measure = (text: string) => [...text].length;
    fc.assert(
      fc.property(
        fc.array(word([...ARABIC_LETTERS, ...LATIN_LETTERS]), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 40 }),
        (words, width) => {
          const lines = wrapLines(words.join(' '), width, measure);
          for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width);
          expect(lines.join('').replace(/\s/g, '')).toBe(words.join(''));
        },
      ),
    );
  });
});

describe('the conversation PDF in Arabic', () => {
  it('reads each line from right to left: the first word at the right edge, the last at the left', async () => {
    const text = 'مرحبا بكم في البلدية رقم 2026 عن Wohngeld';
    const pdf = await conversationPdf(
      'ar',
      {
        reference: 'A-2026-000001',
        subject: 'إعانة السكن',
        status: 'open',
        createdAt: Date.UTC(2026, 11, 1),
        entries: [{ id: 1, fromCitizen: true, occurredAt: Date.UTC(2026, 11, 1), text, attachments: [] }],
      },
      Date.UTC(2026, 11, 2),
    );
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const parsed = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    const items = (await (await parsed.getPage(1)).getTextContent()).items.flatMap((item) =>
      'str' in item && item.str.trim() !== ''
        ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number }]
        : [],
    );
    const first = items.find((item) => item.text.includes('مرحبا'))!;
    const last = items.find((item) => item.text.includes('Wohngeld'))!;
    expect(last.y).toBe(first.y);
    expect(first.x).toBeGreaterThan(last.x);
  });
});

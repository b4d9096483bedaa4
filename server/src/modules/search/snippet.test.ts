import { HIGHLIGHT_END as E, HIGHLIGHT_START as S, type SearchTerm } from '@anliegen/shared';
import { describe, expect, it } from 'vitest';
import { excerpt, highlight } from './snippet.js';

const words = (...texts: string[]): SearchTerm[] => texts.map((text) => ({ kind: 'word', text }));

describe('highlight', () => {
  it('marks words that start with a searched word, spelled either way', () => {
    expect(highlight('Herr Müller wohnt in der Hauptstraße', words('mueller', 'Haupt'))).toBe(
      `Herr ${S}Müller${E} wohnt in der ${S}Hauptstraße${E}`,
    );
    expect(highlight('Die Strasse vor dem Haus', words('Straße'))).toBe(`Die ${S}Strasse${E} vor dem Haus`);
    expect(highlight('Muller, MÜLLER', words('Müller'))).toBe(`${S}Muller${E}, ${S}MÜLLER${E}`);
  });

  it('leaves words alone that only contain a searched word', () => {
    expect(highlight('Sperrmüll und Müll', words('müll'))).toBe(`Sperrmüll und ${S}Müll${E}`);
  });

  it('drops marker characters already in the text', () => {
    expect(highlight(`a${S}b${E}c Antrag`, words('Antrag'))).toBe(`abc ${S}Antrag${E}`);
  });
});

describe('excerpt', () => {
  const long = `${'Vorrede '.repeat(40)}hier steht der Wasserrohrbruch im Keller ${'Nachrede '.repeat(40)}`;

  it('cuts around the first match at word boundaries, with ellipses', () => {
    const cut = excerpt(long, words('Wasserrohrbruch'), 'start', 80);
    expect(cut.startsWith('…hier steht der')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).toContain(`${S}Wasserrohrbruch${E} im Keller`);
    expect(cut.length).toBeLessThanOrEqual(80 + 6);
  });

  it('shows a short text whole, and the start when nothing matches', () => {
    expect(excerpt('Kurz und  bündig.', words('bündig'))).toBe(`Kurz und ${S}bündig${E}.`);
    expect(excerpt(long, words('fehlt'), 'start', 40)).toMatch(/^Vorrede .*…$/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composite, contrastRatio, flatten, parseColor, type Rgba, relativeLuminance, WHITE } from './contrast.js';

const color = (text: string): Rgba => {
  const parsed = parseColor(text);
  if (!parsed) throw new Error(`cannot read ${text}`);
  return parsed;
};
const ratio = (a: string, b: string) => contrastRatio(color(a), color(b));

describe('parseColor reads colours as the browser computes them', () => {
  it.each([
    ['rgb(25, 113, 194)', { r: 25, g: 113, b: 194, a: 1 }],
    ['rgba(0, 0, 0, 0)', { r: 0, g: 0, b: 0, a: 0 }],
    ['rgba(255, 255, 255, 0.5)', { r: 255, g: 255, b: 255, a: 0.5 }],
    ['rgb(10 20 30 / 25%)', { r: 10, g: 20, b: 30, a: 0.25 }],
    ['transparent', { r: 0, g: 0, b: 0, a: 0 }],
    ['#ced4da', { r: 206, g: 212, b: 218, a: 1 }],
    ['#fff', { r: 255, g: 255, b: 255, a: 1 }],
    ['#00000080', { r: 0, g: 0, b: 0, a: 128 / 255 }],
    ['color(srgb 1 0.5 0 / 0.1)', { r: 255, g: 127.5, b: 0, a: 0.1 }],
  ])('%s', (text, expected) => {
    expect(parseColor(text)).toEqual(expected);
  });

  it.each(['currentcolor', 'oklch(0.5 0.1 200)', 'rgb(1, 2)', '#12345', ''])('refuses %s', (text) => {
    expect(parseColor(text)).toBeNull();
  });
});

describe('WCAG 2.1 contrast ratio', () => {
  // Known pairs (WebAIM's contrast checker; the borders issue 24 measured).
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#767676', '#ffffff', 4.54],
    ['#777777', '#ffffff', 4.48],
    ['#0000ff', '#ffffff', 8.59],
    ['#ff0000', '#ffffff', 4.0],
    ['#008000', '#ffffff', 5.14],
    ['#808080', '#ffffff', 3.95],
    ['#ced4da', '#ffffff', 1.49],
    ['#ffffff', '#f1f3f5', 1.12],
    ['#868e96', '#ffffff', 3.32],
    ['#595959', '#ffffff', 7.0],
    ['rgb(118, 118, 118)', 'rgba(255, 255, 255, 1)', 4.54],
  ])('%s on %s is %s:1', (a, b, expected) => {
    expect(ratio(a, b)).toBeCloseTo(expected, 1);
    expect(ratio(b, a)).toBeCloseTo(expected, 1);
  });

  it('composites a translucent colour over the background first', () => {
    // Black at 50 % over white is #808080 (3.95:1 against white).
    expect(ratio('rgba(0, 0, 0, 0.5)', '#ffffff')).toBeCloseTo(ratio('#808080', '#ffffff'), 1);
    expect(ratio('rgba(0, 0, 0, 0)', '#ffffff')).toBe(1);
  });

  it('luminance runs from 0 (black) to 1 (white)', () => {
    expect(relativeLuminance(color('#000'))).toBe(0);
    expect(relativeLuminance(WHITE)).toBeCloseTo(1, 10);
  });

  it('is symmetric, at least 1 and at most 21, and 1 only for equal luminance', () => {
    const opaque = fc.record({
      r: fc.integer({ min: 0, max: 255 }),
      g: fc.integer({ min: 0, max: 255 }),
      b: fc.integer({ min: 0, max: 255 }),
      a: fc.constant(1),
    });
    fc.assert(
      fc.property(opaque, opaque, (a, b) => {
        const value = contrastRatio(a, b);
        expect(value).toBeCloseTo(contrastRatio(b, a), 10);
        expect(value).toBeGreaterThanOrEqual(1);
        expect(value).toBeLessThanOrEqual(21 + 1e-9);
        expect(contrastRatio(a, a)).toBe(1);
      }),
    );
  });
});

describe('compositing', () => {
  it('an opaque colour covers what is beneath', () => {
    expect(composite(color('#123456'), WHITE)).toEqual(color('#123456'));
  });

  it('layers from the top down, with their opacity, over a base', () => {
    // 10 % black over 50 % white over black: the white layer gives #808080, the black one then 90 % of it.
    const result = flatten([{ color: color('#000'), opacity: 0.1 }, { color: color('rgba(255, 255, 255, 0.5)') }], color('#000'));
    expect(result.r).toBeCloseTo(127.5 * 0.9, 5);
    expect(result.a).toBe(1);
    // An opaque layer hides everything below it.
    expect(flatten([{ color: color('#abcdef') }, { color: color('#000') }])).toEqual(color('#abcdef'));
  });
});

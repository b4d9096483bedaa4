import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSeconds } from './duration';

describe('toSeconds', () => {
  it('leaves an empty field as "not noted", not as zero', () => {
    expect(toSeconds('')).toBeNull();
    expect(toSeconds(0)).toBe(0);
  });

  it('turns typed minutes into whole seconds', () => {
    expect(toSeconds(1)).toBe(60);
    expect(toSeconds(1.5)).toBe(90);
    expect(toSeconds(0.01)).toBe(1);
    expect(toSeconds(600)).toBe(36_000);
  });

  it('gives whole seconds within half a second of the minutes typed', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 600, noNaN: true }), (minutes) => {
        const seconds = toSeconds(minutes)!;
        expect(Number.isInteger(seconds)).toBe(true);
        expect(Math.abs(seconds - minutes * 60)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});

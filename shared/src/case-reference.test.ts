import { describe, expect, it } from 'vitest';
import { formatCaseReference, parseCaseReference } from './case-reference.js';

describe('case reference', () => {
  it('pads the serial to six digits', () => {
    expect(formatCaseReference(2026, 123)).toBe('A-2026-000123');
  });
  it('round-trips and rejects malformed text', () => {
    expect(parseCaseReference(formatCaseReference(2027, 1234567))).toEqual({ year: 2027, serial: 1234567 });
    expect(parseCaseReference(' A-2026-000001 ')).toEqual({ year: 2026, serial: 1 });
    expect(parseCaseReference('A-26-1')).toBeNull();
    expect(parseCaseReference('B-2026-000001')).toBeNull();
  });
});

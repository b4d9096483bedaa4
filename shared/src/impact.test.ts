import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { impactVerdict, MIN_GROUP_CASES, targetFromMilli, targetToMilli } from './impact.js';
import { impactTargetInput } from './impact.schemas.js';

describe('impactVerdict', () => {
  it('judges a share "at least" exactly at the boundaries: met at the target, near within 5 points, missed below', () => {
    // Target 80 %: 16 of 20 is exactly 80 %, 15 of 20 = 75 % is exactly 5 points below, 29 of 40 = 72.5 % below that.
    expect(impactVerdict('first_response_within_day', { part: 16, total: 20 }, 800)).toBe('met');
    expect(impactVerdict('first_response_within_day', { part: 15, total: 20 }, 800)).toBe('near');
    expect(impactVerdict('first_response_within_day', { part: 29, total: 40 }, 800)).toBe('missed');
    // 0.7 · 100 is 70.00000000000001 in floating point: compared as whole numbers, 7 of 10 meets 70 %.
    expect(impactVerdict('first_contact_resolution', { part: 7, total: 10 }, 700)).toBe('met');
  });

  it('judges the re-contact rate "at most": met at or below the target, near up to 5 points above', () => {
    expect(impactVerdict('recontact_rate', { part: 10, total: 100 }, 100)).toBe('met');
    expect(impactVerdict('recontact_rate', { part: 15, total: 100 }, 100)).toBe('near');
    expect(impactVerdict('recontact_rate', { part: 16, total: 100 }, 100)).toBe('missed');
  });

  it('judges the mean rating with a margin of 0.2 points', () => {
    // Ratings summing to 40 over 10 answers: 4.0 against 4.0.
    expect(impactVerdict('satisfaction', { part: 40, total: 10 }, 4000)).toBe('met');
    expect(impactVerdict('satisfaction', { part: 38, total: 10 }, 4000)).toBe('near');
    expect(impactVerdict('satisfaction', { part: 37, total: 10 }, 4000)).toBe('missed');
  });

  it('judges nothing below the smallest group', () => {
    expect(impactVerdict('solved_share', { part: MIN_GROUP_CASES - 1, total: MIN_GROUP_CASES - 1 }, 500)).toBeNull();
    expect(impactVerdict('solved_share', { part: 0, total: 0 }, 500)).toBeNull();
  });

  it('is monotonic: a better figure is never judged worse', () => {
    const rank = { missed: 0, near: 1, met: 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: MIN_GROUP_CASES, max: 500 }), fc.integer({ min: 0, max: 1000 }), (total, target) => {
        let previous = -1;
        for (let part = 0; part <= total; part++) {
          const verdict = impactVerdict('response_rate', { part, total }, target)!;
          expect(rank[verdict]).toBeGreaterThanOrEqual(previous);
          previous = rank[verdict];
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('targets as admins enter them', () => {
  it('convert per cent and rating points to thousandths and back', () => {
    expect(targetToMilli('recontact_rate', 10)).toBe(100);
    expect(targetToMilli('first_response_within_day', 80.1)).toBe(801);
    expect(targetToMilli('satisfaction', 4.25)).toBe(4250);
    expect(targetFromMilli('satisfaction', 4000)).toBe(4);
    expect(targetFromMilli('first_contact_resolution', 655)).toBe(65.5);
  });

  it('accept shares of 0–100 % with one decimal and ratings of 1–5 with two', () => {
    const ok = (metric: string, target: number) => impactTargetInput.safeParse({ metric, teamId: null, target }).success;
    expect(ok('first_contact_resolution', 65)).toBe(true);
    expect(ok('first_contact_resolution', 80.1)).toBe(true);
    expect(ok('first_contact_resolution', 0)).toBe(true);
    expect(ok('first_contact_resolution', 100)).toBe(true);
    expect(ok('first_contact_resolution', 100.1)).toBe(false);
    expect(ok('first_contact_resolution', -1)).toBe(false);
    expect(ok('first_contact_resolution', 80.05)).toBe(false);
    expect(ok('satisfaction', 4.25)).toBe(true);
    expect(ok('satisfaction', 0.5)).toBe(false);
    expect(ok('satisfaction', 5.5)).toBe(false);
    expect(ok('satisfaction', 4.125)).toBe(false);
    expect(ok('speed', 50)).toBe(false);
  });

  it('says which range a target must be in', () => {
    const result = impactTargetInput.safeParse({ metric: 'satisfaction', teamId: null, target: 9 });
    expect(result.error?.issues).toEqual([expect.objectContaining({ message: 'impact.ratingRange', path: ['target'] })]);
  });
});

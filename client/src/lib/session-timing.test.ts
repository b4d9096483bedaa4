import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SessionTimes, sessionStep } from './session-timing';

const MINUTE = 60_000;
const times = (remaining: number, final: number, warning = 2 * MINUTE): SessionTimes => ({
  userId: 7,
  remainingMs: remaining,
  finalMs: final,
  warningMs: warning,
});

describe('sessionStep', () => {
  it('waits until the warning is due', () => {
    expect(sessionStep(times(30 * MINUTE, 5 * 60 * MINUTE), 7, false)).toEqual({ kind: 'wait', ms: 28 * MINUTE });
  });

  it('warns within the warning time, with a way to extend while the hard limit is further off', () => {
    expect(sessionStep(times(90_000, 5 * 60 * MINUTE), 7, false)).toEqual({ kind: 'warn', endsInMs: 90_000, final: false });
  });

  it('extends quietly for someone who has just worked in this tab', () => {
    expect(sessionStep(times(90_000, 5 * 60 * MINUTE), 7, true)).toEqual({ kind: 'extend' });
  });

  it('warns of the hard limit even while the user works: it cannot be extended', () => {
    expect(sessionStep(times(90_000, 90_000), 7, true)).toEqual({ kind: 'warn', endsInMs: 90_000, final: true });
    // Extending would give less than the warning's time more: that is the end too.
    expect(sessionStep(times(90_000, 90_000 + MINUTE), 7, false)).toEqual({ kind: 'warn', endsInMs: 90_000, final: true });
  });

  it('says the session has ended when the server knows none, another person is signed in, or no time is left', () => {
    expect(sessionStep(null, 7, false)).toEqual({ kind: 'ended' });
    expect(sessionStep({ ...times(MINUTE, MINUTE), userId: 8 }, 7, false)).toEqual({ kind: 'ended' });
    expect(sessionStep(times(0, 0), 7, true)).toEqual({ kind: 'ended' });
  });

  it('never waits past the warning, and warns at least the warning time ahead of the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 * 60 * MINUTE }),
        fc.integer({ min: 0, max: 12 * 60 * MINUTE }),
        fc.integer({ min: 20_000, max: 30 * MINUTE }),
        fc.boolean(),
        (remaining, beyond, warning, active) => {
          const step = sessionStep(times(remaining, remaining + beyond, warning), 7, active);
          if (step.kind === 'wait') expect(remaining - step.ms).toBe(warning);
          else if (step.kind === 'warn') expect(step.endsInMs).toBeLessThanOrEqual(warning + 1_000);
          else expect(step.kind).toBe('extend');
        },
      ),
    );
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { startPeriodic } from './periodic.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('periodic jobs', () => {
  it('never overlap a slow run, survive a failing run, and stop when told', async () => {
    const log = createLogger('silent');
    const errors = vi.spyOn(log, 'error');
    let started = 0;
    let release: () => void = () => {};
    const stop = startPeriodic(
      'test',
      1000,
      log,
      () => {
        started++;
        if (started === 2) return Promise.reject(new Error('boom'));
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { runNow: true },
    );

    expect(started).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    // The first run is still busy: no second run started meanwhile.
    expect(started).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ job: 'test' }), 'periodic job failed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(3);
    release();
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(3);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { createTestDatabase, secondProcessHandle } from '../test/test-db.js';
import { firstRunsSettled, startPeriodic } from './periodic.js';

describe('periodic jobs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

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

describe('a job that keeps failing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs the cause once per incident (then hourly, with the count), and when it works again', async () => {
    const log = createLogger('silent');
    const errors = vi.spyOn(log, 'error');
    const infos = vi.spyOn(log, 'info');
    let failure: Error | null = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const stop = startPeriodic(
      'mail',
      5000,
      log,
      async () => {
        if (failure) throw failure;
      },
      { runNow: true },
    );
    // A full disk for 10 minutes with a run every 5 seconds: 120 failed runs.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith({ err: failure, job: 'mail' }, 'periodic job failed');
    // An hour into the incident: a reminder with the count (the runs at 0 s, 5 s, … 3600 s).
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(errors).toHaveBeenCalledTimes(2);
    expect(errors).toHaveBeenLastCalledWith({ err: failure, job: 'mail', failedRuns: 721 }, 'periodic job still failing');
    // Another cause is another incident.
    failure = new Error('connection refused');
    await vi.advanceTimersByTimeAsync(5000);
    expect(errors).toHaveBeenCalledTimes(3);
    failure = null;
    await vi.advanceTimersByTimeAsync(5000);
    expect(infos).toHaveBeenCalledWith({ job: 'mail', failedRuns: 1 }, 'periodic job works again');
    stop();
  });

  it('takes the ways a stopped database fails a run for one incident', async () => {
    const log = createLogger('silent');
    const errors = vi.spyOn(log, 'error');
    // What node-postgres says as PostgreSQL shuts down, while it is down, and when it answers no more.
    const failures = [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ];
    let run = 0;
    const stop = startPeriodic(
      'mail',
      5000,
      log,
      async () => {
        throw failures[run++ % failures.length];
      },
      { runNow: true },
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toBeGreaterThan(failures.length);
    expect(errors).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('a job on several server processes', () => {
  it('runs on one process at a time: the others skip it while it runs', async () => {
    const database = await createTestDatabase();
    const second = await secondProcessHandle(database);
    const hour = 3_600_000;
    const here = createLogger('silent');
    const there = createLogger('silent');
    const skipped = vi.spyOn(there, 'debug');
    let release = () => {};
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const runs = { here: 0, there: 0 };
    const stops = [
      startPeriodic(
        'poll',
        hour,
        here,
        () => {
          runs.here++;
          started();
          return new Promise<void>((resolve) => (release = resolve));
        },
        { runNow: true, oneProcessOn: database.db },
      ),
    ];
    try {
      await running;
      stops.push(startPeriodic('poll', hour, there, async () => void runs.there++, { runNow: true, oneProcessOn: second.db }));
      await vi.waitFor(() => expect(skipped).toHaveBeenCalledWith({ job: 'poll' }, 'job runs on another process'));
      // Another job is not held up.
      let other = 0;
      stops.push(startPeriodic('other', hour, there, async () => void other++, { runNow: true, oneProcessOn: second.db }));
      await vi.waitFor(() => expect(other).toBe(1));
      expect(runs).toEqual({ here: 1, there: 0 });
    } finally {
      release();
      for (const stop of stops) stop();
      await second.close();
      await database.destroy();
    }
  });
});

describe('the first runs at start', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settle when every job started with runNow has run once, failed or not, but never wait past the limit', async () => {
    const log = createLogger('silent');
    let finish = () => {};
    const stops = [
      startPeriodic('quick', 60_000, log, async () => {}, { runNow: true }),
      startPeriodic('failing', 60_000, log, () => Promise.reject(new Error('down')), { runNow: true }),
      startPeriodic('slow', 60_000, log, () => new Promise<void>((resolve) => (finish = resolve)), { runNow: true }),
      startPeriodic('later', 60_000, log, () => new Promise<void>(() => {})),
    ];
    let settled = false;
    void firstRunsSettled(10_000).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled).toBe(false);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);

    // A first run that hangs holds the start back no longer than the limit.
    stops.push(startPeriodic('hanging', 60_000, log, () => new Promise<void>(() => {}), { runNow: true }));
    let limited = false;
    void firstRunsSettled(5000).then(() => (limited = true));
    await vi.advanceTimersByTimeAsync(4999);
    expect(limited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(limited).toBe(true);
    for (const stop of stops) stop();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../env.js';
import { now, useTestClock } from './clock.js';

const DAY_MS = 86_400_000;
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'anliegen-clock-'));
  file = join(dir, 'offset');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2027-01-04T09:00:00+01:00'));
});
afterEach(() => {
  useTestClock(undefined);
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('the server clock', () => {
  it('is the real clock unless a test moves it', () => {
    expect(now()).toBe(Date.now());
  });

  it('adds the offset a test writes into the test clock’s file, read at most once a second', () => {
    useTestClock(file);
    // No file yet: no offset.
    expect(now()).toBe(Date.now());
    writeFileSync(file, String(11 * DAY_MS));
    // Read a moment ago: the old offset still holds for the rest of that second.
    expect(now()).toBe(Date.now());
    vi.advanceTimersByTime(1_000);
    expect(now()).toBe(Date.now() + 11 * DAY_MS);
    writeFileSync(file, 'not a number');
    vi.advanceTimersByTime(1_000);
    expect(now()).toBe(Date.now());
  });

  it('cannot be moved outside tests: the server refuses to start with a test clock unless NODE_ENV=test', () => {
    expect(() => loadEnv({ TEST_CLOCK_FILE: file })).toThrow(/TEST_CLOCK_FILE/);
    expect(() => loadEnv({ TEST_CLOCK_FILE: file, NODE_ENV: 'production' })).toThrow(/TEST_CLOCK_FILE/);
    expect(loadEnv({ TEST_CLOCK_FILE: file, NODE_ENV: 'test' }).TEST_CLOCK_FILE).toBe(file);
    expect(loadEnv({}).TEST_CLOCK_FILE).toBeUndefined();
  });
});

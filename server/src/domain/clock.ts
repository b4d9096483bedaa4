import { readFileSync } from 'node:fs';

/**
 * The server's clock for what falls due on a date: follow-ups come back (jobs/follow-up.job.ts) and leave the inbox's
 * views until then (modules/cases/case-list.service.ts); the weekly report's week turns (jobs/weekly-report.job.ts).
 * It is the real clock. Only an end-to-end test may move it,
 * to see a case come back without waiting for the day: with NODE_ENV=test and TEST_CLOCK_FILE (env.ts refuses the
 * file otherwise), the file holds an offset in milliseconds, read at most once a second; no file or no number is no
 * offset. Server tests set the time with fake timers or pass `now` to the service directly.
 */

const READ_EVERY_MS = 1_000;
let testClock: { file: string; readAt: number; offset: number } | null = null;

/** Moves the clock by the offset in `file` (tests only: main.ts calls it for TEST_CLOCK_FILE); undefined stops that. */
export function useTestClock(file: string | undefined): void {
  testClock = file ? { file, readAt: Number.NEGATIVE_INFINITY, offset: 0 } : null;
}

function offset(realNow: number): number {
  if (!testClock) return 0;
  if (realNow - testClock.readAt >= READ_EVERY_MS) {
    testClock.readAt = realNow;
    let text = '';
    try {
      text = readFileSync(testClock.file, 'utf8').trim();
    } catch {
      // no file yet: the real time
    }
    const value = Number(text);
    testClock.offset = text !== '' && Number.isSafeInteger(value) ? value : 0;
  }
  return testClock.offset;
}

/** Epoch milliseconds: now, as far as follow-up dates are concerned. */
export function now(): number {
  const realNow = Date.now();
  return realNow + offset(realNow);
}

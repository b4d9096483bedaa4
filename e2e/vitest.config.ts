import { defineConfig } from 'vitest/config';

/**
 * Browser tests: each spec file starts its own server on a fresh database and its own Chromium; files run one at a
 * time. Two at a time was tried (2026-12-07): on 2 cores each file took 1.65 times as long, the whole took as long
 * as one at a time, and the longest screen checks ran into their limits.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '../test-results/e2e.json' },
    fileParallelism: false,
    // Limits for a hang, not for speed: on a busy machine a test can take twice as long.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

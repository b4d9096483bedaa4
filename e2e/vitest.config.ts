import { defineConfig } from 'vitest/config';

/**
 * Browser tests: each spec file starts its own server on a fresh database and its own Chromium (free ports, temporary
 * directories), so two files run side by side: much of a browser test is waiting (for the server, the network, a
 * debounce), and two at a time keep CI's two cores busy.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '../test-results/e2e.json' },
    maxWorkers: 2,
    // Limits for a hang, not for speed: beside another file a test can take twice as long as alone.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

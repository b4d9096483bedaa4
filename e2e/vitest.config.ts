import { defineConfig } from 'vitest/config';

/** Browser tests: each spec file starts its own server on a fresh database; files run one at a time (2 cores). */
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '../test-results/e2e.json' },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});

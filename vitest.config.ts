import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so they run without a prior build.
const alias = { '@anliegen/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)) };
const serverTests = ['src/**/*.test.ts'];

/** The server suite runs once per database dialect; PostgreSQL only when TEST_DATABASE_URL points at a server. */
export default defineConfig({
  test: {
    // The JSON report feeds the one-line summary that scripts/test.sh prints at the end.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    // Vitest's default is one worker per core minus one: a single worker on CI's 2 cores. Most server tests wait on
    // PostgreSQL, SMTP or HTTP, so three workers keep both cores busy (about 6 minutes less on CI).
    maxWorkers: 3,
    projects: [
      { resolve: { alias }, test: { name: 'shared', root: './shared', include: ['src/**/*.test.ts'] } },
      // The client's pure helpers (formats, durations, search params); no DOM: what needs one is tested end to end.
      {
        resolve: { alias },
        test: { name: 'client', root: './client', include: ['src/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: { name: 'server:sqlite', root: './server', include: serverTests, env: { TEST_DIALECT: 'sqlite' } },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: 'server:postgres',
                root: './server',
                include: serverTests,
                env: { TEST_DIALECT: 'postgres' },
                testTimeout: 20_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
      // The browser tests' own helpers (colour contrast maths); the browser tests themselves run from e2e/.
      { test: { name: 'e2e-support', root: './e2e', include: ['src/support/**/*.test.ts'], environment: 'node' } },
      // The benchmark's smoke test: the whole pipeline at tiny scale (data set, real server, SMTP, HTTP load). About
      // 40 s alone; beside two other workers on two cores it can take twice that, so its limit leaves room.
      {
        resolve: { alias },
        test: { name: 'bench', root: './bench', include: ['src/**/*.test.ts'], testTimeout: 240_000 },
      },
    ],
  },
});

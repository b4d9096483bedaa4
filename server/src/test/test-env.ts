import { loadEnv, type Env } from '../env.js';

/** Production defaults with a silent log and no failure delay, so tests stay fast. */
export function testEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({
    LOG_LEVEL: 'silent',
    LOGIN_FAILURE_DELAY_MS: '0',
    SEED_DEMO: 'false',
    CLIENT_DIST: '/nonexistent',
    ...overrides,
  });
}

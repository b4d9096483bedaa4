import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { returnDueFollowUps } from '../modules/cases/follow-up.service.js';
import { type JobResult, startPeriodic } from './periodic.js';

/**
 * At start and every minute: cases whose follow-up day has come are back in the inbox, and their agent (or their
 * team's leads) is told. Under a test clock (TEST_CLOCK_FILE, NODE_ENV=test) every second, so a test that moves the
 * clock sees them come back at once. Returns a stop function.
 */
export function startFollowUps(db: DB, env: Env, log: Logger): () => void {
  return startPeriodic(
    'follow-up',
    env.TEST_CLOCK_FILE ? 1_000 : 60_000,
    log,
    // Logged when not zero and counted in the metrics (anliegen_job_items_total{kind="returned"}).
    async (): Promise<JobResult> => ({ counts: { returned: await returnDueFollowUps(db) } }),
    { runNow: true },
  );
}

import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { runRetention } from '../modules/privacy/retention.service.js';
import { type JobResult, startPeriodic } from './periodic.js';

/**
 * Closed cases past their category's retention period (days) are anonymised. Checked hourly rather than once a day,
 * so a server restarted daily still runs it; a run with nothing due is one indexed query per category. Not at start:
 * a fresh demo or test server keeps its data until the first hour is over. One server process at a time does it (each
 * batch is also claimed, so a run started by an admin meanwhile anonymises no case twice). Counts cases, interactions,
 * attachments, citizens and files (the log and the metrics get them). Returns a stop function.
 */
export function startRetention(db: DB, env: Env, log: Logger): () => void {
  return startPeriodic(
    'retention',
    3_600_000,
    log,
    async (): Promise<JobResult> => ({
      counts: { ...(await runRetention(db, Date.now(), { attachmentsDir: env.ATTACHMENTS_DIR })) },
    }),
    { oneProcessOn: db },
  );
}

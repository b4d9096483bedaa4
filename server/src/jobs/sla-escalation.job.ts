import type { DB } from '../db/database.js';
import type { Logger } from '../logger.js';
import { escalateOverdueCases } from '../modules/sla/sla.service.js';
import { type JobResult, startPeriodic } from './periodic.js';

/**
 * At start and every minute: overdue cases are reported to their team leads and assignees (once per case); returns a
 * stop function. At start, so that cases that fell due while the server was down (or the demo's) do not wait a minute.
 */
export function startSlaEscalation(db: DB, log: Logger): () => void {
  return startPeriodic(
    'sla-escalation',
    60_000,
    log,
    // The count is logged when not zero and counted in the metrics (anliegen_job_items_total{kind="escalated"}).
    async (): Promise<JobResult> => ({ counts: { escalated: await escalateOverdueCases(db) } }),
    { runNow: true },
  );
}

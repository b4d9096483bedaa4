import type { DB } from '../db/database.js';
import type { Logger } from '../logger.js';
import { escalateOverdueCases } from '../modules/sla/sla.service.js';
import { startPeriodic } from './periodic.js';

/**
 * At start and every minute: overdue cases are reported to their team leads and assignees (once per case); returns a
 * stop function. At start, so that cases that fell due while the server was down (or the demo's) do not wait a minute.
 */
export function startSlaEscalation(db: DB, log: Logger): () => void {
  return startPeriodic(
    'sla-escalation',
    60_000,
    log,
    async () => {
      const escalated = await escalateOverdueCases(db);
      if (escalated > 0) log.info({ escalated }, 'overdue cases escalated');
    },
    { runNow: true },
  );
}

import type { DB } from '../db/database.js';
import type { Logger } from '../logger.js';
import { escalateOverdueCases } from '../modules/sla/sla.service.js';
import { startPeriodic } from './periodic.js';

/** Every minute: overdue cases are reported to their team leads (once per case); returns a stop function. */
export function startSlaEscalation(db: DB, log: Logger): () => void {
  return startPeriodic('sla-escalation', 60_000, log, async () => {
    const escalated = await escalateOverdueCases(db);
    if (escalated > 0) log.info({ escalated }, 'overdue cases escalated');
  });
}

import type { DB } from '../db/database.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import type { Logger } from '../logger.js';
import { startPeriodic } from './periodic.js';

/** SQLite's planner statistics: at start, then every six hours (refreshPlannerStatistics); a stop function for shutdown. */
export function startPlannerStatistics(db: DB, log: Logger): () => void {
  let first = true;
  return startPeriodic(
    'planner-statistics',
    6 * 3_600_000,
    log,
    async () => {
      await refreshPlannerStatistics(db, { firstOnConnection: first });
      first = false;
    },
    { runNow: true },
  );
}

import type { DB } from '../db/database.js';
import { unlessLocked } from '../db/process-lock.js';
import type { Logger } from '../logger.js';

/**
 * Runs `work` every `intervalMs` (and once right away when asked), never two runs at once, logging failures
 * instead of crashing the server. With `oneProcessOn`, a run is skipped while another server process on that
 * database runs the same job (for work that cannot claim rows one by one). Returns the stop function used at shutdown.
 */
export function startPeriodic(
  name: string,
  intervalMs: number,
  log: Logger,
  work: () => Promise<unknown>,
  options: { runNow?: boolean; oneProcessOn?: DB } = {},
): () => void {
  let running = false;
  const { oneProcessOn } = options;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (!oneProcessOn) await work();
      else if (!(await unlessLocked(oneProcessOn, `job:${name}`, work))) log.debug({ job: name }, 'job runs on another process');
    } catch (err) {
      log.error({ err, job: name }, 'periodic job failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  if (options.runNow) void tick();
  return () => clearInterval(timer);
}

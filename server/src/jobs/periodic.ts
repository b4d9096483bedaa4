import type { Logger } from '../logger.js';

/**
 * Runs `work` every `intervalMs` (and once right away when asked), never two runs at once, logging failures
 * instead of crashing the server. Returns the stop function used at shutdown.
 */
export function startPeriodic(
  name: string,
  intervalMs: number,
  log: Logger,
  work: () => Promise<unknown>,
  options: { runNow?: boolean } = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await work();
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

import type { DB } from '../db/database.js';
import { unlessLocked } from '../db/process-lock.js';
import { isDatabaseConnectionFailure } from '../db/unavailable.js';
import type { Logger } from '../logger.js';
import { declareJob, recordJobRun } from '../metrics.js';

/** A job failing the same way all along is reminded of this often, with the number of failed runs. */
const REMIND_MS = 3_600_000;

/**
 * Runs `work` every `intervalMs` (and once right away when asked), never two runs at once, logging failures
 * instead of crashing the server. With `oneProcessOn`, a run is skipped while another server process on that
 * database runs the same job (for work that cannot claim rows one by one). Returns the stop function used at shutdown.
 * A failure is logged once per incident (a full disk made the mail job log the same error every 5 seconds, 1,488
 * times), then hourly, and its end once. A run that resolves with counts (JobResult) logs those that are not zero at
 * info level with the job's name; a run with nothing to count logs nothing.
 */
export function startPeriodic(
  name: string,
  intervalMs: number,
  log: Logger,
  work: () => Promise<unknown>,
  options: { runNow?: boolean; oneProcessOn?: DB } = {},
): () => void {
  let running = false;
  let incident: { cause: string; loggedAt: number; failedRuns: number } | null = null;
  const { oneProcessOn } = options;
  declareJob(name);
  const tick = async () => {
    if (running) return;
    running = true;
    const started = performance.now();
    try {
      const ran = oneProcessOn ? await unlessLocked(oneProcessOn, `job:${name}`, work) : { value: await work() };
      if (!ran) log.debug({ job: name }, 'job runs on another process');
      recordJobRun(name, ran ? 'success' : 'skipped', performance.now() - started, countsOf(ran?.value));
      logCounts(log, name, countsOf(ran?.value));
      if (incident) log.info({ job: name, failedRuns: incident.failedRuns }, 'periodic job works again');
      incident = null;
    } catch (err) {
      recordJobRun(name, 'failure', performance.now() - started);
      // A stopped PostgreSQL fails runs in several words (refused, terminated, timed out): one incident all the same.
      const cause = isDatabaseConnectionFailure(err)
        ? 'database unreachable'
        : `${(err as { code?: unknown })?.code ?? ''} ${err instanceof Error ? err.message : String(err)}`;
      const now = Date.now();
      if (incident?.cause !== cause) {
        incident = { cause, loggedAt: now, failedRuns: 1 };
        log.error({ err, job: name }, 'periodic job failed');
      } else {
        incident.failedRuns++;
        if (now - incident.loggedAt >= REMIND_MS) {
          incident.loggedAt = now;
          log.error({ err, job: name, failedRuns: incident.failedRuns }, 'periodic job still failing');
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  if (options.runNow) {
    const firstRun = tick();
    pendingFirstRuns.add(firstRun);
    void firstRun.finally(() => pendingFirstRuns.delete(firstRun));
  }
  return () => clearInterval(timer);
}

/**
 * What a run may resolve with: how many items of each kind it handled, e.g. `{ counts: { sessions: 12, orphanedFiles: 3 } }`.
 * The kinds are fixed names (they become log fields and metric labels), never personal data.
 */
export interface JobResult {
  counts: Record<string, number>;
}

/** One info line per run that did something: the counts that are not zero (`{ job, counts: { sessions: 12 } }`). */
function logCounts(log: Logger, job: string, counts: Record<string, number> | undefined): void {
  const done = Object.entries(counts ?? {}).filter(([, count]) => count !== 0);
  if (done.length > 0) log.info({ job, counts: Object.fromEntries(done) }, 'periodic job done');
}

/** What a job's run says it did: `{ counts: { escalated: 3 } }` (numbers only; anything else is ignored). */
export function countsOf(result: unknown): Record<string, number> | undefined {
  const counts = (result as { counts?: unknown } | null | undefined)?.counts;
  if (typeof counts !== 'object' || counts === null) return undefined;
  return Object.fromEntries(Object.entries(counts).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

/** The first runs of the jobs started with `runNow` that have not finished yet. */
const pendingFirstRuns = new Set<Promise<void>>();

/**
 * Resolves when the first runs of the jobs started so far are over (they never reject: a run logs its failure), or
 * after `limitMs`: the start banner waits for them, so their log lines come before it, never for a slow one.
 */
export async function firstRunsSettled(limitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
  });
  await Promise.race([Promise.all([...pendingFirstRuns]), limit]);
  clearTimeout(timer);
}

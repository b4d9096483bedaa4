/** Timing primitives every part of the benchmark reports with, so all tables read the same way. */

export interface Measurement {
  /** Stable key shared by Anliegen, raw SQL and Request Tracker rows of the same operation, e.g. "inbox". */
  operation: string;
  system: 'anliegen' | 'raw-sql' | 'rt';
  /** Data set the number was taken on, e.g. "100000 citizens / 300000 cases / 1050000 interactions". */
  scale: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  note?: string;
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Runs `operation` `warmup` times unmeasured, then `runs` times measured, one after another.
 * `pick(i)` lets each run use a different input (another case, another citizen) so caches cannot flatter.
 */
export async function timeRuns(
  runs: number,
  operation: (i: number) => unknown | Promise<unknown>,
  warmup = Math.min(5, runs),
): Promise<TimedRuns> {
  for (let i = 0; i < warmup; i++) await operation(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(operation, warmup + i));
  return summary(samples);
}

/**
 * Times two ways of doing the same work (the API and raw SQL) on the same inputs, `block` runs of one, then the same
 * runs of the other, and so on: a busy moment of the machine falls on both sides, not on whichever ran then.
 * Run `first + i` is input `i` (as after timeRuns' warm-up); warm both sides up before.
 */
export async function timeSideBySide(
  runs: number,
  sides: [(i: number) => unknown, (i: number) => unknown],
  first: number,
  block = 20,
): Promise<[TimedRuns, TimedRuns]> {
  const samples: [number[], number[]] = [[], []];
  for (let start = 0; start < runs; start += block) {
    for (const side of [0, 1] as const) {
      for (let i = start; i < Math.min(runs, start + block); i++) samples[side].push(await timed(sides[side], first + i));
    }
  }
  return [summary(samples[0]), summary(samples[1])];
}

type TimedRuns = { runs: number; medianMs: number; p95Ms: number };

async function timed(operation: (i: number) => unknown, i: number): Promise<number> {
  const started = performance.now();
  await operation(i);
  return performance.now() - started;
}

function summary(samples: number[]): TimedRuns {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
}

/** What the HTTP load test reports (bench/src/http-load.ts). */
export interface LoadResult {
  /** Human-readable description of the request mix, e.g. "60% inbox, 30% open case, 10% reply". */
  mix: string;
  durationSeconds: number;
  connections: number;
  requests: number;
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses that were not 2xx. */
  non2xx: number;
}

/** Request Tracker's side of the comparison (bench/src/rt-peer.ts). */
export interface PeerResult {
  /** e.g. "Request Tracker 5.0.3, SQLite, 300 tickets". */
  scale: string;
  /** Same `operation` keys as Anliegen's rows where the work is the same. */
  measurements: Measurement[];
  /** Tickets created per second through REST2 (the create-rate comparison for email ingest). */
  createsPerSecond: number;
}

/** Size of what the browser loads for one route of the production build (bench/src/bundle-size.ts). */
export interface RouteBundle {
  route: string;
  /** JS loaded before the route can render: entry chunk, its static imports, and the route's lazy chunks. */
  initialJsGzipBytes: number;
  files: string[];
}

/** Scrolling the inbox with every row of a large view loaded (bench/src/inbox-scroll.ts). */
export interface InboxScrollResult {
  /** Rows loaded into the inbox before scrolling (the table's aria-rowcount without the header). */
  rows: number;
  /** The most table rows in the DOM at any frame of the scroll. */
  maxDomRows: number;
  frames: number;
  p95FrameMs: number;
  /** Frames longer than 50 ms (LONG_FRAME_MS in inbox-scroll.ts). */
  longFrames: number;
}

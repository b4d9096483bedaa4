import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_KINDS } from './bench-inputs.js';

/** Where the repository and the bench package are, whatever the working directory. */
export const BENCH_DIR = resolve(import.meta.dirname, '..');
export const ROOT_DIR = resolve(BENCH_DIR, '..');

/** Tickets created in Request Tracker as shipped (scrips on), sequentially and again concurrently; 0 skips it. */
export const DEFAULT_RT_DEFAULT_TICKETS = 60;

/** Data set sizes by name; interactions follow from the generator (about 3.5 per case). */
export const SCALES = {
  tiny: { citizens: 1_000, cases: 3_000 },
  small: { citizens: 10_000, cases: 30_000 },
  default: { citizens: 100_000, cases: 300_000 },
  large: { citizens: 300_000, cases: 900_000 },
} as const;
export type ScaleName = keyof typeof SCALES;

/** The in-process operations by their report keys, in the order they run; `--only` picks among them. */
export const OPERATIONS = [
  'inbox',
  'case-view',
  'citizen-history',
  ...SEARCH_KINDS.map((kind) => `search:${kind}` as const),
  'statistics-year',
  'impact-breakdown-year',
  'create-case',
  'reply',
  // Not in process only: every inbox view, search, board in process and over HTTP, on SQLite and PostgreSQL.
  'views',
] as const;

export interface BenchOptions {
  /** The scale's name, or `custom-<citizens>-<cases>` when --citizens/--cases change it; names the data set file. */
  scale: string;
  citizens: number;
  cases: number;
  seed: number;
  /** Measured runs per read operation, and per write operation (writes change the data, so fewer). */
  runs: number;
  writeRuns: number;
  fresh: boolean;
  rt: boolean;
  /** Load the data set into PostgreSQL too (--no-pg skips it): a private cluster, or the server at BENCH_DATABASE_URL. */
  pg: boolean;
  load: boolean;
  ingest: boolean;
  rtTickets: number;
  /** Tickets created in RT as shipped (scrips on) for its create rate, once sequentially and once concurrently. */
  rtDefaultTickets: number;
  loadSeconds: number;
  loadConnections: number;
  ingestMessages: number;
  outDir: string;
  dataDir: string;
  /** The in-process operations to measure (--only), or null for all of them. */
  only: string[] | null;
}

export class UsageError extends Error {}

export const USAGE = `Usage: pnpm bench [options]
  --scale tiny|small|default|large   data set size (default: default = 100,000 citizens / 300,000 cases)
  --citizens N --cases N             explicit data set size (overrides the scale's numbers)
  --seed N                           generator seed (default 2026)
  --fresh                            regenerate the data set even if bench/.data has it
  --runs N                           measured runs per read (default 200; writes run a quarter of that)
  --only OP,OP,...                   measure only these operations (report keys: inbox, case-view, citizen-history,
                                     search:<kind>, statistics-year, impact-breakdown-year,
                                     create-case, reply, and views: every inbox view,
                                     search, board in process and over HTTP on SQLite and PostgreSQL)
  --no-ingest                        skip email ingest through the SMTP listener
  --messages N                       mails sent for the ingest measurement (default 2000)
  --no-load                          skip the HTTP load test
  --load-seconds N                   length of the HTTP load test (default 20)
  --connections N                    concurrent HTTP connections (default 10)
  --no-rt                            skip the Request Tracker comparison
  --no-pg                            skip PostgreSQL (by default the data set is loaded into a private cluster
                                     in <data dir>/pg-5499 on 127.0.0.1:5499, kept for later runs; BENCH_DATABASE_URL
                                     names another server to use instead)
  --rt-tickets N                     tickets created in Request Tracker (default 300)
  --rt-default-tickets N             tickets created in RT as shipped (scrips on) for its create rate, sequentially
                                     and again with 8 clients (default ${DEFAULT_RT_DEFAULT_TICKETS}; 0 skips that phase)
  --out DIR                          where the report goes (default bench/results)
  --data-dir DIR                     where data sets are kept (default bench/.data)
  --help                             this text`;

function whole(name: string, raw: string | undefined, min: number): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function operationList(raw: string): string[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(OPERATIONS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--only takes operations separated by commas, one of ${OPERATIONS.join(', ')}; ` +
        (names.length === 0 ? 'got none' : `unknown: ${unknown.join(', ')}`),
    );
  }
  return [...new Set(names)];
}

/**
 * The command line as options; throws UsageError with a sentence the user can act on. Null means --help.
 * Relative paths are taken from `cwd` (where the user typed the command, not where pnpm runs the script).
 */
export function parseBenchArgs(argv: string[], cwd = process.cwd()): BenchOptions | null {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const scaleName = values.scale ?? 'default';
  if (!(scaleName in SCALES))
    throw new UsageError(`--scale must be one of ${Object.keys(SCALES).join(', ')}, got "${scaleName}"`);
  const preset = SCALES[scaleName as ScaleName];
  const citizens = values.citizens === undefined ? preset.citizens : whole('citizens', values.citizens, 1);
  const cases = values.cases === undefined ? preset.cases : whole('cases', values.cases, 1);
  const runs = values.runs === undefined ? 200 : whole('runs', values.runs, 1);
  return {
    only: values.only === undefined ? null : operationList(values.only),
    scale: citizens === preset.citizens && cases === preset.cases ? scaleName : `custom-${citizens}-${cases}`,
    citizens,
    cases,
    seed: values.seed === undefined ? 2026 : whole('seed', values.seed, 0),
    runs,
    writeRuns: Math.max(1, Math.round(runs / 4)),
    fresh: values.fresh ?? false,
    rt: !values['no-rt'],
    pg: !values['no-pg'],
    load: !values['no-load'],
    ingest: !values['no-ingest'],
    rtTickets: values['rt-tickets'] === undefined ? 300 : whole('rt-tickets', values['rt-tickets'], 1),
    rtDefaultTickets:
      values['rt-default-tickets'] === undefined
        ? DEFAULT_RT_DEFAULT_TICKETS
        : whole('rt-default-tickets', values['rt-default-tickets'], 0),
    loadSeconds: values['load-seconds'] === undefined ? 20 : whole('load-seconds', values['load-seconds'], 1),
    loadConnections: values.connections === undefined ? 10 : whole('connections', values.connections, 1),
    ingestMessages: values.messages === undefined ? 2000 : whole('messages', values.messages, 10),
    outDir: values.out === undefined ? resolve(BENCH_DIR, 'results') : resolve(cwd, values.out),
    dataDir: values['data-dir'] === undefined ? resolve(BENCH_DIR, '.data') : resolve(cwd, values['data-dir']),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      scale: { type: 'string' },
      citizens: { type: 'string' },
      cases: { type: 'string' },
      seed: { type: 'string' },
      fresh: { type: 'boolean' },
      runs: { type: 'string' },
      only: { type: 'string' },
      'no-ingest': { type: 'boolean' },
      messages: { type: 'string' },
      'no-load': { type: 'boolean' },
      'load-seconds': { type: 'string' },
      connections: { type: 'string' },
      'no-rt': { type: 'boolean' },
      'no-pg': { type: 'boolean' },
      'rt-tickets': { type: 'string' },
      'rt-default-tickets': { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}

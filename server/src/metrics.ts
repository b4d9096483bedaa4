import { createServer, type Server } from 'node:http';
import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ConnectionUse } from './db/database.js';
import type { Logger } from './logger.js';

/**
 * The Prometheus metrics (prom-client), the one module that knows them: the series are listed with their meaning in
 * docs/operations.md. Off unless METRICS_PORT is set; then served on a listener of their own (GET /metrics), never on
 * the app's port. Labels hold only names the code gives (procedures, route patterns, jobs, machine reasons), never an
 * address, a name, a reference or a path with an id.
 *
 * Everything else calls the functions below, which do nothing while metrics are off: a request pays one null check.
 */

/** What the metrics read when scraped, from the parts that hold it (wired in main.ts). */
export interface MetricSources {
  /** Outgoing mail not yet sent and given up on, and when the oldest waiting one was queued (epoch ms). */
  outboundMail: () => Promise<{ pending: number; failed: number; oldestPendingAt: number | null }>;
  databaseConnections: () => ConnectionUse;
  /** Open live-update streams (server-sent events) of this process. */
  liveConnections: () => number;
}

export type SmtpReplyOutcome = 'accepted' | 'deferred' | 'refused';
export type WebformOutcome = 'accepted' | 'rejected' | 'failed';

/** Seconds; from a cached read (about 1 ms) to a slow report. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300];
/** A scrape does not wait longer for the outgoing-mail counts (a database that does not answer). */
const SOURCE_TIMEOUT_MS = 2000;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function statusClass(status: number): string {
  return status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function createInstruments(registry: Registry, sources: MetricSources, log: Logger) {
  const registers = [registry];
  const sourceFailures = new Counter({
    name: 'anliegen_metrics_source_failures_total',
    help: 'Scrapes in which a figure could not be read (it keeps its last value)',
    labelNames: ['source'],
    registers,
  });
  const outbound = { pending: 0, failed: 0, oldestAge: 0 };
  /** One query per scrape for the three outgoing-mail gauges; a failed read keeps the last values. */
  let outboundRead: Promise<void> | null = null;
  const readOutbound = () => {
    outboundRead ??= withTimeout(sources.outboundMail(), SOURCE_TIMEOUT_MS)
      .then(
        (mail) => {
          outbound.pending = mail.pending;
          outbound.failed = mail.failed;
          outbound.oldestAge = mail.oldestPendingAt === null ? 0 : Math.max(0, (Date.now() - mail.oldestPendingAt) / 1000);
        },
        (err: unknown) => {
          sourceFailures.inc({ source: 'outbound_mail' });
          log.warn({ err }, 'metrics: outgoing mail could not be counted');
        },
      )
      .finally(() => {
        outboundRead = null;
      });
    return outboundRead;
  };
  const connectionGauge = (name: string, help: string, pick: (use: ConnectionUse) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(pick(sources.databaseConnections()));
      },
    });
  /** The three outgoing-mail gauges share one read per scrape. */
  const outboundGauge = (name: string, help: string, pick: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        await readOutbound();
        this.set(pick());
      },
    });
  return {
    http: new Histogram({
      name: 'anliegen_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status class (live-update streams excluded)',
      labelNames: ['method', 'route', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    procedure: new Histogram({
      name: 'anliegen_trpc_procedure_duration_seconds',
      help: 'tRPC procedure calls (queries and mutations) by procedure, type and status class',
      labelNames: ['procedure', 'type', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    smtpReplies: new Counter({
      name: 'anliegen_smtp_replies_total',
      help: 'Answers of the SMTP listener to delivery attempts: accepted (2xx), deferred (4xx), refused (5xx), by reason',
      labelNames: ['outcome', 'reason'],
      registers,
    }),
    webform: new Counter({
      name: 'anliegen_webform_submissions_total',
      help: 'Posts of the public web form: accepted, rejected (the citizen is told what to fix) or failed, by reason',
      labelNames: ['outcome', 'reason'],
      registers,
    }),
    jobRuns: new Counter({
      name: 'anliegen_job_runs_total',
      help: 'Runs of the periodic jobs: success, failure, or skipped (another server process ran it)',
      labelNames: ['job', 'outcome'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'anliegen_job_duration_seconds',
      help: 'How long the periodic jobs ran (skipped runs excluded)',
      labelNames: ['job'],
      buckets: JOB_BUCKETS,
      registers,
    }),
    jobItems: new Counter({
      name: 'anliegen_job_items_total',
      help: 'What the periodic jobs did, by job and kind (escalated cases, removed sessions …)',
      labelNames: ['job', 'kind'],
      registers,
    }),
    jobLastSuccess: new Gauge({
      name: 'anliegen_job_last_success_timestamp_seconds',
      help: 'When each periodic job last succeeded (Unix time)',
      labelNames: ['job'],
      registers,
    }),
    dbMax: connectionGauge(
      'anliegen_db_pool_max',
      'Database connections this process may hold (PostgreSQL: DATABASE_POOL_SIZE; SQLite: 1)',
      (use) => use.max,
    ),
    dbBusy: connectionGauge('anliegen_db_pool_busy', 'Database connections running a query or transaction', (use) => use.busy),
    dbIdle: connectionGauge('anliegen_db_pool_idle', 'Open database connections not in use', (use) => use.idle),
    dbWaiting: connectionGauge(
      'anliegen_db_pool_waiting',
      'Queries waiting for a database connection (SQLite: queued behind its one connection)',
      (use) => use.waiting,
    ),
    live: new Gauge({
      name: 'anliegen_live_connections',
      help: 'Open live-update streams (server-sent events) of signed-in browsers',
      registers,
      collect() {
        this.set(sources.liveConnections());
      },
    }),
    // Last: the connections above are read before this query takes one (else SQLite's would show it waiting).
    outboundPending: outboundGauge(
      'anliegen_outbound_mail_pending',
      'Outgoing mails waiting to be sent (database-wide; retries included)',
      () => outbound.pending,
    ),
    outboundFailed: outboundGauge(
      'anliegen_outbound_mail_failed',
      'Outgoing mails given up on after every retry (database-wide; shown as failed in the timeline)',
      () => outbound.failed,
    ),
    outboundOldest: outboundGauge(
      'anliegen_outbound_mail_oldest_pending_age_seconds',
      'Age of the oldest outgoing mail still waiting to be sent; 0 when none waits',
      () => outbound.oldestAge,
    ),
  };
}

type Instruments = ReturnType<typeof createInstruments>;

/** Set while metrics are on. */
let instruments: Instruments | null = null;

/**
 * Turns metrics on (the instruments count from now on) and serves them on `host:port` (GET /metrics). Returns the
 * port (0 picks a free one) and a stop function that also turns them off.
 */
export async function startMetrics(options: {
  host: string;
  port: number;
  sources: MetricSources;
  log: Logger;
}): Promise<{ port: number; stop: () => Promise<void> }> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  instruments = createInstruments(registry, options.sources, options.log);
  const server: Server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: unknown) => {
        options.log.error({ err }, 'metrics could not be collected');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.log.info({ host: options.host, port }, 'metrics listener started');
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        instruments = null;
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The route pattern of an answered request, never its path: `/attachments/:id`, `/trpc`, `static`, `unmatched`. */
function routeOf(req: Parameters<RequestHandler>[0], status: number): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  const path = req.originalUrl;
  if (path === '/trpc' || path.startsWith('/trpc/') || path.startsWith('/trpc?')) return '/trpc';
  if (path.startsWith('/assets/')) return '/assets';
  return status === 404 ? 'unmatched' : 'static';
}

/** Times every HTTP request by route pattern; null while metrics are off (the app then adds nothing). */
export function httpMetrics(): RequestHandler | null {
  const histogram = instruments?.http;
  if (!histogram) return null;
  return (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      // A live-update stream lasts as long as the browser stays: counted by anliegen_live_connections instead.
      if (String(res.getHeader('content-type')).startsWith('text/event-stream')) return;
      const status = res.statusCode;
      histogram.observe(
        {
          method: METHODS.has(req.method) ? req.method : 'other',
          route: routeOf(req, status),
          status_class: statusClass(status),
        },
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
}

/**
 * Starts timing a tRPC call (`procedure`: its name, e.g. `cases.list`); call the result with the HTTP status of the
 * outcome. Null while metrics are off, and for subscriptions (they last as long as the browser stays).
 */
export function procedureTimer(procedure: string, type: string): ((status: number) => void) | null {
  const histogram = instruments?.procedure;
  if (!histogram || type === 'subscription') return null;
  const started = performance.now();
  return (status) =>
    histogram.observe({ procedure, type, status_class: statusClass(status) }, (performance.now() - started) / 1000);
}

/** An answer of the SMTP listener to a delivery attempt (channels/email/smtp-replies.ts), by its SMTP code. */
export function countSmtpReply(code: number, reason: string): void {
  const outcome: SmtpReplyOutcome = code >= 500 ? 'refused' : code >= 400 ? 'deferred' : 'accepted';
  instruments?.smtpReplies.inc({ outcome, reason });
}

/** An answer of the public web form to a post (channels/webform/webform.routes.ts). */
export function countWebformSubmission(outcome: WebformOutcome, reason: string): void {
  instruments?.webform.inc({ outcome, reason });
}

/** A periodic job is set up: its series show from the start with zero runs (rate() and alerts need them). */
export function declareJob(job: string): void {
  if (!instruments) return;
  for (const outcome of ['success', 'failure', 'skipped']) instruments.jobRuns.inc({ job, outcome }, 0);
}

/**
 * A run of a periodic job (jobs/periodic.ts): its outcome, how long it took in ms and, when it says so
 * (`{ counts: { escalated: 3 } }`), what it did.
 */
export function recordJobRun(
  job: string,
  outcome: 'success' | 'failure' | 'skipped',
  durationMs: number,
  counts?: Record<string, number>,
): void {
  if (!instruments) return;
  instruments.jobRuns.inc({ job, outcome });
  if (outcome === 'skipped') return;
  instruments.jobDuration.observe({ job }, durationMs / 1000);
  if (outcome === 'success') instruments.jobLastSuccess.set({ job }, Date.now() / 1000);
  for (const [kind, count] of Object.entries(counts ?? {})) {
    if (Number.isFinite(count) && count >= 0) instruments.jobItems.inc({ job, kind }, count);
  }
}

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSmtp } from './channels/email/smtp-replies.js';
import { loadEnv } from './env.js';
import { createApp } from './http/app.js';
import { firstRunsSettled, startPeriodic } from './jobs/periodic.js';
import { createLogger } from './logger.js';
import { httpMetrics, procedureTimer, recordJobRun, startMetrics } from './metrics.js';
import { mailBacklog } from './modules/mail/mail.service.js';
import { insertTestUser, TEST_PASSWORD } from './test/callers.js';
import { createTestDatabase, type TestDatabase } from './test/test-db.js';
import { HttpClient } from './test/http-client.js';
import { testEnv } from './test/test-env.js';

/** Metrics on a listener of their own, counted from a real app and job, scraped as Prometheus would. */
const log = createLogger('silent');
let database: TestDatabase;
let metrics: Awaited<ReturnType<typeof startMetrics>>;
let app: Server;
let appUrl: string;
let metricsUrl: string;
let mailReads = 0;
/** A second metrics server's sources: nothing waits, nothing is open. */
const IDLE = {
  outboundMail: async () => ({ pending: 0, failed: 0, oldestPendingAt: null }),
  databaseConnections: () => ({ max: 1, busy: 0, idle: 1, waiting: 0 }),
  liveConnections: () => 0,
};

beforeAll(async () => {
  database = await createTestDatabase();
  metrics = await startMetrics({
    host: '127.0.0.1',
    port: 0,
    log,
    sources: {
      // A real query first, as the real source does: the connection gauges must not see the scrape's own query.
      outboundMail: async () => {
        mailReads++;
        await mailBacklog(database.db);
        return { pending: 3, failed: 1, oldestPendingAt: Date.now() - 90_000 };
      },
      databaseConnections: database.connections,
      liveConnections: () => 2,
    },
  });
  metricsUrl = `http://127.0.0.1:${metrics.port}`;
  app = createServer(createApp({ db: database.db, env: testEnv(), log, isReady: () => true }));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(async () => {
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
  await metrics.stop();
  await database.destroy();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${metricsUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample line, e.g. `anliegen_outbound_mail_pending` or `x_total{job="a",outcome="success"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((each) => each.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('times requests by route pattern and procedure, never by path or id', async () => {
    const browser = new HttpClient(appUrl);
    await insertTestUser(database.db, { email: 'metrics@example.org', role: 'agent' });
    await browser.logIn('metrics@example.org', TEST_PASSWORD);
    // auth.me (the login reads it first) and cases.list: two GETs of /trpc.
    expect((await browser.query('cases.list', {})).status).toBe(200);
    expect((await browser.request('/attachments/4711')).status).toBe(404);
    expect((await browser.request('/anliegen/status/secret-token-123')).status).toBe(404);
    expect((await browser.request('/no/such/page/42')).status).toBe(404);
    const text = await scrape();
    expect(text).toMatch(
      /anliegen_trpc_procedure_duration_seconds_count\{procedure="cases.list",type="query",status_class="2xx"\} 1/,
    );
    expect(text).toMatch(
      /anliegen_trpc_procedure_duration_seconds_count\{procedure="auth.login",type="mutation",status_class="2xx"\} 1/,
    );
    expect(text).toMatch(/anliegen_http_request_duration_seconds_count\{method="GET",route="\/trpc",status_class="2xx"\} 2/);
    expect(text).toMatch(/route="\/attachments\/:id",status_class="4xx"/);
    expect(text).toMatch(/route="\/anliegen\/status\/:token",status_class="4xx"/);
    expect(text).toMatch(/route="unmatched",status_class="4xx"/);
    expect(text).not.toMatch(/4711|secret-token|example\.org|\/no\/such/);
  });

  it('reads the outgoing mail, the connections and the live streams when scraped, with one mail query', async () => {
    const before = mailReads;
    const text = await scrape();
    expect(mailReads - before).toBe(1);
    expect(sample(text, 'anliegen_outbound_mail_pending')).toBe(3);
    expect(sample(text, 'anliegen_outbound_mail_failed')).toBe(1);
    expect(sample(text, 'anliegen_outbound_mail_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'anliegen_db_pool_max')).toBe(database.connections().max);
    expect(sample(text, 'anliegen_db_pool_waiting')).toBe(0);
    expect(sample(text, 'anliegen_live_connections')).toBe(2);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts job runs, failures, durations and what the jobs did', async () => {
    let fail = false;
    const stop = startPeriodic(
      'metrics-test',
      60_000,
      log,
      async () => {
        if (fail) throw new Error('broken');
        return { counts: { removed: 4, kept: 0, label: 'ignored' } };
      },
      { runNow: true },
    );
    await firstRunsSettled(5000);
    stop();
    fail = true;
    recordJobRun('metrics-test', 'failure', 12);
    const text = await scrape();
    expect(sample(text, 'anliegen_job_runs_total{job="metrics-test",outcome="success"}')).toBe(1);
    expect(sample(text, 'anliegen_job_runs_total{job="metrics-test",outcome="failure"}')).toBe(1);
    expect(sample(text, 'anliegen_job_runs_total{job="metrics-test",outcome="skipped"}')).toBe(0);
    expect(sample(text, 'anliegen_job_items_total{job="metrics-test",kind="removed"}')).toBe(4);
    expect(sample(text, 'anliegen_job_items_total{job="metrics-test",kind="kept"}')).toBe(0);
    expect(text).not.toContain('kind="label"');
    expect(sample(text, 'anliegen_job_duration_seconds_count{job="metrics-test"}')).toBe(2);
    expect(sample(text, 'anliegen_job_last_success_timestamp_seconds{job="metrics-test"}')).toBeGreaterThan(0);
  });

  it('counts the SMTP answers by outcome and reason', async () => {
    const answers: (Error | null | undefined)[] = [];
    answerSmtp((error) => answers.push(error), 'stored');
    answerSmtp((error) => answers.push(error), 'unknown_recipient');
    answerSmtp((error) => answers.push(error), 'database_unavailable');
    answerSmtp((error) => answers.push(error), 'too_large', 'Message too large: the limit is 1 MB');
    expect(answers.map((answer) => (answer as { responseCode?: number } | null)?.responseCode ?? 250)).toEqual([
      250, 550, 451, 552,
    ]);
    expect(answers[3]?.message).toBe('Message too large: the limit is 1 MB');
    const text = await scrape();
    expect(sample(text, 'anliegen_smtp_replies_total{outcome="accepted",reason="stored"}')).toBe(1);
    expect(sample(text, 'anliegen_smtp_replies_total{outcome="refused",reason="unknown_recipient"}')).toBe(1);
    expect(sample(text, 'anliegen_smtp_replies_total{outcome="deferred",reason="database_unavailable"}')).toBe(1);
    expect(sample(text, 'anliegen_smtp_replies_total{outcome="refused",reason="too_large"}')).toBe(1);
  });

  it('serves nothing but GET /metrics on its listener, and the app never serves /metrics', async () => {
    expect((await fetch(`${metricsUrl}/`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/metrics`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${appUrl}/metrics`)).status).toBe(404);
  });

  it('refuses the app port as metrics port', () => {
    expect(() => loadEnv({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT/);
    expect(loadEnv({ PORT: '3000', METRICS_PORT: '9464' }).METRICS_HOST).toBe('127.0.0.1');
  });
});

describe('metrics turned off', () => {
  it('adds no middleware and times nothing', async () => {
    const other = await startMetrics({
      host: '127.0.0.1',
      port: 0,
      log,
      sources: IDLE,
    });
    expect(httpMetrics()).not.toBeNull();
    await other.stop();
    expect(httpMetrics()).toBeNull();
    expect(procedureTimer('cases.list', 'query')).toBeNull();
  });
});

describe('the operations guide (docs/operations.md)', () => {
  it('names every series the server exports in its section on metrics, and only those', async () => {
    const guide = readFileSync(resolve(import.meta.dirname, '../../docs/operations.md'), 'utf8');
    // Its section on metrics (other sections may name other things, such as a database `anliegen_neu`).
    const docs = /^## Metrics and alerts$(.*?)^## /ms.exec(guide)?.[1] ?? '';
    const running = await startMetrics({
      host: '127.0.0.1',
      port: 0,
      log,
      sources: IDLE,
    });
    const text = await (await fetch(`http://127.0.0.1:${running.port}/metrics`)).text();
    await running.stop();
    const exported = new Set([...text.matchAll(/^# TYPE (anliegen_\w+) (\w+)$/gm)].map((match) => match[1]!));
    const histograms = [...text.matchAll(/^# TYPE (anliegen_\w+) histogram$/gm)].map((match) => match[1]!);
    const named = new Set(
      [...docs.matchAll(/\banliegen_[a-z_]+/g)].map((match) => {
        const name = match[0].replace(/_$/, '');
        const histogram = histograms.find(
          (base) => name === `${base}_bucket` || name === `${base}_count` || name === `${base}_sum`,
        );
        return histogram ?? name;
      }),
    );
    expect(exported.size).toBeGreaterThan(10);
    expect([...exported].filter((name) => !named.has(name))).toEqual([]);
    expect([...named].filter((name) => !exported.has(name))).toEqual([]);
  });
});

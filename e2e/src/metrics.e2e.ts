import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../server/src/test/http-client.js';
import { DEMO, DEMO_PASSWORD } from './support/demo.js';
import { type Exposition, parsePrometheusText } from './support/prometheus.js';
import { freePort, type RunningServer, startServer } from './support/server.js';

/**
 * The built server with metrics on (METRICS_PORT): a short mixed load over HTTP, tRPC, the web form and SMTP, then
 * one scrape of /metrics on the metrics listener, parsed as Prometheus reads it. No browser.
 */
let server: RunningServer;
let metricsUrl: string;

beforeAll(async () => {
  const metricsPort = await freePort();
  metricsUrl = `http://127.0.0.1:${metricsPort}`;
  // The web form takes a post at once (no bot delay); without SMTP_URL its confirmation mail stays queued.
  server = await startServer({ METRICS_PORT: String(metricsPort), WEBFORM_MIN_SECONDS: '0' }, { smtp: true });
});
afterAll(async () => {
  await server?.stop();
});

async function scrape(): Promise<Exposition> {
  const response = await fetch(`${metricsUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

/** The samples named `name` whose labels include `labels`; the series must be declared. */
function samples(metrics: Exposition, name: string, labels: Record<string, string> = {}) {
  const family = name.replace(/_(bucket|sum|count)$/, '');
  expect(metrics.types.has(name) || metrics.types.has(family), `series ${name}`).toBe(true);
  return metrics.samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/** The sum of the matching samples' values; for a histogram, of their counts (observations). */
function total(metrics: Exposition, name: string, labels: Record<string, string> = {}): number {
  const series = metrics.types.get(name) === 'histogram' ? `${name}_count` : name;
  return samples(metrics, series, labels).reduce((sum, sample) => sum + sample.value, 0);
}

/** The web form as a citizen's browser posts it: the page's token, multipart fields. */
async function postWebform(fields: Record<string, string>): Promise<Response> {
  const page = await (await fetch(`${server.url}/anliegen`)).text();
  const formToken = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
  const categoryId = /<option value="(\d+)"/.exec(page)![1]!;
  const form = new FormData();
  for (const [key, value] of Object.entries({ formToken, categoryId, consent: 'yes', ...fields })) form.set(key, value);
  return fetch(`${server.url}/anliegen`, { method: 'POST', body: form, redirect: 'manual' });
}

describe('metrics', () => {
  it('counts a short mixed load in every listed series, without personal data, and only on its own port', async () => {
    // A caseworker signs in, lists the inbox and opens a case; their browser keeps a live-update stream open.
    const agent = new HttpClient(server.url);
    await agent.logIn(DEMO.agent, DEMO_PASSWORD);
    const list = await agent.query('cases.list', {});
    expect(list.status).toBe(200);
    const reference = /"reference":"(A-\d{4}-\d{6})"/.exec(await list.text())![1]!;
    expect((await agent.query('cases.byReference', { reference })).status).toBe(200);
    const live = await agent.request('/trpc/live.events', { headers: { accept: 'text/event-stream' } });
    expect(live.headers.get('content-type')).toContain('text/event-stream');

    // The web form: one case stored, one post refused (a bot filled the hidden field).
    const accepted = await postWebform({
      name: 'Greta Gast',
      email: 'greta.gast@example.com',
      text: 'Die Laterne am Markt ist aus.',
    });
    expect(accepted.status).toBe(303);
    const rejected = await postWebform({ name: 'Bot', email: 'bot@example.com', text: 'Buy cheap things now!', website: 'x' });
    expect(rejected.status).toBe(422);

    // SMTP: one mail for a team's address is stored, one for an unknown address refused (550).
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort!, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      from: 'Otto Ost <otto.ost@example.com>',
      to: 'buergerbuero@musterstadt.example',
      subject: 'Sperrmüll',
      text: 'Wann wird in der Oststraße Sperrmüll abgeholt?',
    });
    await expect(
      smtp.sendMail({ from: 'otto.ost@example.com', to: 'niemand@musterstadt.example', subject: 'x', text: 'x' }),
    ).rejects.toThrow(/550/);
    smtp.close();

    // The jobs that run at start (SLA escalation, session cleanup …) have run by the time the server is ready.
    let metrics = await scrape();
    await expect
      .poll(async () => {
        metrics = await scrape();
        return total(metrics, 'anliegen_live_connections');
      })
      .toBe(1);
    await live.body!.cancel();

    // Request latency per route pattern and per procedure.
    expect(
      total(metrics, 'anliegen_http_request_duration_seconds', { route: '/trpc', status_class: '2xx' }),
    ).toBeGreaterThanOrEqual(4);
    expect(total(metrics, 'anliegen_http_request_duration_seconds', { route: '/anliegen', method: 'POST' })).toBe(2);
    expect(total(metrics, 'anliegen_http_request_duration_seconds', { route: '/readyz' })).toBeGreaterThan(0);
    for (const procedure of ['auth.login', 'cases.list', 'cases.byReference']) {
      expect(total(metrics, 'anliegen_trpc_procedure_duration_seconds', { procedure, status_class: '2xx' }), procedure).toBe(1);
    }
    const listTiming = { procedure: 'cases.list' };
    expect(total(metrics, 'anliegen_trpc_procedure_duration_seconds_sum', listTiming)).toBeGreaterThan(0);
    expect(total(metrics, 'anliegen_trpc_procedure_duration_seconds_bucket', { ...listTiming, le: '+Inf' })).toBe(1);

    // SMTP answers and web-form posts by outcome and reason.
    expect(total(metrics, 'anliegen_smtp_replies_total', { outcome: 'accepted', reason: 'stored' })).toBe(1);
    expect(total(metrics, 'anliegen_smtp_replies_total', { outcome: 'refused', reason: 'unknown_recipient' })).toBe(1);
    expect(total(metrics, 'anliegen_webform_submissions_total', { outcome: 'accepted', reason: 'stored' })).toBe(1);
    expect(total(metrics, 'anliegen_webform_submissions_total', { outcome: 'rejected', reason: 'honeypot' })).toBe(1);

    // Outgoing mail: the web form's confirmation waits (no relay configured).
    expect(total(metrics, 'anliegen_outbound_mail_pending')).toBeGreaterThanOrEqual(1);
    expect(total(metrics, 'anliegen_outbound_mail_failed')).toBeGreaterThanOrEqual(0);
    expect(total(metrics, 'anliegen_outbound_mail_oldest_pending_age_seconds')).toBeGreaterThan(0);

    // Jobs: runs by outcome, their duration and what they did.
    expect(total(metrics, 'anliegen_job_runs_total', { job: 'sla-escalation', outcome: 'success' })).toBeGreaterThanOrEqual(1);
    expect(total(metrics, 'anliegen_job_runs_total', { job: 'session-cleanup', outcome: 'success' })).toBeGreaterThanOrEqual(1);
    expect(total(metrics, 'anliegen_job_runs_total', { outcome: 'failure' })).toBe(0);
    expect(total(metrics, 'anliegen_job_duration_seconds', { job: 'sla-escalation' })).toBeGreaterThanOrEqual(1);
    expect(samples(metrics, 'anliegen_job_items_total', { job: 'sla-escalation', kind: 'escalated' })).toHaveLength(1);
    expect(total(metrics, 'anliegen_job_last_success_timestamp_seconds', { job: 'sla-escalation' })).toBeGreaterThan(
      Date.now() / 1000 - 600,
    );

    // The database's connections (SQLite: its one) and the process.
    expect(total(metrics, 'anliegen_db_pool_max')).toBe(1);
    expect(total(metrics, 'anliegen_db_pool_busy') + total(metrics, 'anliegen_db_pool_idle')).toBe(1);
    expect(total(metrics, 'anliegen_db_pool_waiting')).toBeGreaterThanOrEqual(0);
    expect(total(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(total(metrics, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    // No label carries personal data: no address, no case reference, no path with an id or token.
    const values = metrics.samples.flatMap((sample) =>
      Object.entries(sample.labels).flatMap(([key, value]) => (key === 'le' ? [] : [value])),
    );
    expect(values.length).toBeGreaterThan(50);
    expect(values.filter((value) => /@|A-\d{4}-\d{6}|\/status\/[^:]|\/\d/.test(value))).toEqual([]);

    // The app's public port never serves them.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });
});

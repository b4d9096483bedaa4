import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DB, openDatabase } from '../../server/src/db/database.js';
import { DEMO_TEAMS } from '../../server/src/seed/demo-data.js';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { freePort, type RunningServer, startServer } from './support/server.js';

/**
 * Issue 25, graceful outages: PostgreSQL stops under a running server while an agent writes a note, a citizen fills
 * in the web form and mail comes in, and starts again. Meanwhile /readyz fails, the SMTP listener defers (451), the
 * form comes back with what was typed, the town's phone number and no error page, and the agent sees a banner; the
 * server keeps running. Afterwards every piece arrives once. Its own throwaway cluster: the shared one is never stopped.
 */
const SHARED_CLUSTER = process.env.TEST_DATABASE_URL;
if (!SHARED_CLUSTER) console.warn('outage.e2e.ts skipped: TEST_DATABASE_URL is not set (scripts/test.sh sets it)');

const PGBIN = '/usr/lib/postgresql/15/bin';
const DESK = DEMO_TEAMS[1].emailAddress;
const PHONE = '030 1234-5678';
const FORM_TEXT = 'Die Straßenlaterne vor Hausnummer 7 im Lindenweg flackert seit gestern Abend.';
const NOTE = 'Rückruf vereinbart: Herr Lindner meldet sich morgen früh.';
const MESSAGE_ID = '<stoerung.1@example.com>';
const MAIL_TEXT = 'Auch per Mail: die Laterne im Lindenweg flackert.';

let dir: string;
let port: number;
let database: DB | undefined;
let server: RunningServer;
let browser: BrowserContext;

function asPostgres(command: string, args: string[]): void {
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file as string, argv as string[], { stdio: 'pipe' });
}

/** As scripts/pg-cluster.sh starts one (durability off: thrown away after). */
function startCluster(): void {
  asPostgres(`${PGBIN}/pg_ctl`, [
    ...['-D', join(dir, 'data'), '-l', join(dir, 'pg.log'), '-w'],
    ...['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`],
    'start',
  ]);
}

/** PostgreSQL goes away as on a maintenance or a crash of its host: the server is not asked. */
function stopCluster(): void {
  asPostgres(`${PGBIN}/pg_ctl`, ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
}

beforeAll(async () => {
  if (!SHARED_CLUSTER) return;
  dir = mkdtempSync(join(tmpdir(), 'anliegen-outage-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  asPostgres(`${PGBIN}/initdb`, ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  port = await freePort();
  startCluster();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  server = await startServer(
    { TOWN_PHONE: PHONE, WEBFORM_MIN_SECONDS: '0', APP_SECRET: 'e2e-outage-secret-of-at-least-32-characters' },
    { databaseUrl: url, smtp: true },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.destroy().catch(() => undefined);
  if (dir) {
    try {
      stopCluster();
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The same bytes each time, as the town's mail server retries a queued mail (a new Date header would be another mail). */
const sendMail = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort!, secure: false, ignoreTLS: true }).sendMail({
    envelope: { from: 'lutz.lindner@example.com', to: DESK },
    raw: [
      'From: Lutz Lindner <lutz.lindner@example.com>',
      `To: ${DESK}`,
      'Subject: Laterne flackert',
      `Message-ID: ${MESSAGE_ID}`,
      'Date: Tue, 08 Dec 2026 09:00:00 +0100',
      'Content-Type: text/plain; charset=utf-8',
      '',
      MAIL_TEXT,
      '',
    ].join('\r\n'),
  });

/** The shell's banner (the reply box's own error says the same in one line, until the next try). */
const banner = (page: Page) => page.getByTestId('outage-banner');

/** Interactions of a channel with this text, or with this Message-ID. */
async function stored(where: { channel: 'email' | 'webform' | 'note'; text: string } | { messageId: string }): Promise<number> {
  database ??= openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, sqlitePath: '' }).db;
  let query = database.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('n'));
  query =
    'messageId' in where
      ? query.where('external_message_id', '=', where.messageId)
      : query.where('channel', '=', where.channel).where('text', '=', where.text);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** A form sent before the outage: the path of its status page. */
async function statusPageOfNewRequest(): Promise<string> {
  const page = await (await fetch(`${server.url}/anliegen`)).text();
  const body = new FormData();
  const fields = {
    formToken: /name="formToken" value="([^"]+)"/.exec(page)![1]!,
    name: 'Lutz Lindner',
    phone: '030 5550123',
    categoryId: /<option value="(\d+)">Straßen und Beleuchtung</.exec(page)![1]!,
    text: 'Der Gehweg im Lindenweg ist abgesackt.',
    consent: 'yes',
  };
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  const sent = await fetch(`${server.url}/anliegen`, { method: 'POST', body, redirect: 'manual' });
  expect(sent.status).toBe(303);
  return sent.headers.get('location')!.split('?')[0]!;
}

describe.runIf(SHARED_CLUSTER)('the database stops under a running server and starts again', () => {
  it('refuses for retry what it cannot store, keeps what people typed, and loses nothing', async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await api.createCitizen({ givenName: 'Lutz', familyName: 'Lindner' });
    const { reference } = await api.createCase({
      citizenId: citizen.id,
      subject: 'Laterne im Lindenweg',
      channel: 'phone',
      text: 'Herr Lindner meldet eine flackernde Laterne.',
    });

    const statusPath = await statusPageOfNewRequest();

    // The agent writes a note on the case; the citizen fills in the web form (the page was loaded before).
    const agent = await browser.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${reference}`);
    await agent.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await agent.locator('label', { hasText: 'Interne Notiz' }).click();
    await agent.getByRole('textbox', { name: 'Text', exact: true }).fill(NOTE);
    const form = await browser.newPage();
    await form.goto(`${server.url}/anliegen`);
    await form.getByLabel(/Ihr Name/).fill('Lutz Lindner');
    await form.getByLabel('E-Mail-Adresse').fill('lutz.lindner@example.com');
    await form.getByLabel(/^Thema/).selectOption({ label: 'Straßen und Beleuchtung' });
    await form.getByLabel(/^Ihr Anliegen/).fill(FORM_TEXT);
    await form.getByLabel(/einverstanden/).check();

    stopCluster();

    // Not ready, at once; the server itself keeps running.
    const started = Date.now();
    const readiness = await fetch(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // Incoming mail is deferred: the sending server keeps it and tries again (never 250 for a mail then lost).
    await expect(sendMail()).rejects.toMatchObject({ responseCode: 451 });

    // The form comes back with what was typed, the town's phone number, and no error page.
    const [answer] = await Promise.all([
      form.waitForResponse((response) => response.request().method() === 'POST'),
      form.getByRole('button', { name: 'Anliegen absenden' }).click(),
    ]);
    // The friendly page, never a 5xx one: the failure is counted in the metrics and the log instead.
    expect(answer.status()).toBe(200);
    const notice = form.getByRole('alert').filter({ hasText: 'Gerade gibt es eine technische Störung' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Ihre Angaben stehen noch unten im Formular');
    expect(await notice.getByRole('link', { name: PHONE }).getAttribute('href')).toBe('tel:+493012345678');
    expect(await form.getByLabel(/^Ihr Anliegen/).inputValue()).toBe(FORM_TEXT);
    expect(await form.getByLabel(/Ihr Name/).inputValue()).toBe('Lutz Lindner');
    expect(await form.title()).toBe('Nicht gesendet: Ihr Anliegen an die Stadtverwaltung');
    expect(await form.content()).not.toMatch(/Internal error|ECONNREFUSED|stack/);
    await expectAccessible(form, 'web form while the database is down');

    // A status page says why it cannot show anything now, with the number too.
    const status = await browser.newPage();
    expect((await status.goto(`${server.url}${statusPath}`))?.status()).toBe(200);
    await status.getByRole('heading', { level: 1, name: 'Stand Ihres Anliegens' }).waitFor();
    await status.getByText('Der Stand Ihres Anliegens kann deshalb gerade nicht angezeigt werden.').waitFor();
    await status.getByRole('link', { name: PHONE }).waitFor();
    await expectAccessible(status, 'status page while the database is down');

    // The agent's note cannot be saved: a banner says why, the text stays, the app keeps trying.
    await agent.getByRole('button', { name: 'Notiz speichern' }).click();
    await banner(agent).waitFor();
    expect(await banner(agent).getAttribute('role')).toBe('alert');
    expect(await banner(agent).textContent()).toContain('Die Datenbank ist gerade nicht erreichbar');
    await agent.getByText('Die Datenbank ist gerade nicht erreichbar. Nichts ist verloren').waitFor();
    expect(await agent.getByRole('textbox', { name: 'Text', exact: true }).inputValue()).toBe(NOTE);
    await expectAccessible(agent, 'case page with the outage banner');

    startCluster();

    await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
    // The same mail, tried again by the sending server: stored (and once, however often it comes).
    expect((await sendMail()).response).toMatch(/^250/);
    expect((await sendMail()).response).toMatch(/^250/);
    // The form as it was shown, sent again.
    await form.getByRole('button', { name: 'Anliegen absenden' }).click();
    await form.getByRole('heading', { level: 1, name: 'Vielen Dank, Ihr Anliegen ist eingegangen' }).waitFor();
    // The banner goes by itself; the note is saved when sent again.
    await banner(agent).waitFor({ state: 'detached', timeout: 20_000 });
    await agent.getByText('Die Datenbank ist wieder erreichbar').waitFor();
    await agent.getByRole('button', { name: 'Notiz speichern' }).click();
    await agent.getByText('Gespeichert.', { exact: true }).waitFor();
    await expectAccessible(agent, 'case page after the outage');
    expect((await status.goto(`${server.url}${statusPath}`))?.status()).toBe(200);
    await status.locator('.entry').getByText('Der Gehweg im Lindenweg ist abgesackt.').waitFor();

    // Nothing lost, nothing twice.
    expect(await stored({ messageId: MESSAGE_ID })).toBe(1);
    expect(await stored({ channel: 'email', text: MAIL_TEXT })).toBe(1);
    expect(await stored({ channel: 'webform', text: FORM_TEXT })).toBe(1);
    expect(await stored({ channel: 'note', text: NOTE })).toBe(1);
  });
});

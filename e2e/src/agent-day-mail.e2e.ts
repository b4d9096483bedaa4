import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startSmtpSink, type SmtpSink } from './support/mail.js';
import { startServer, type RunningServer } from './support/server.js';

/*
 * Issue 16, an agent's day: what the desk says about mail is true (without SMTP_URL nothing claims a mail was sent,
 * and staff are told; with a relay a reply that went out says "gesendet"), and her overdue cases ring her bell.
 */

let browser: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh browser session (the context keeps cookies between pages). */
async function freshPage(): Promise<Page> {
  await browser.clearCookies();
  return browser.newPage();
}

/** A citizen sends the public form with an email address; returns the confirmation page and the case reference. */
async function submitWebform(server: RunningServer, email: string): Promise<{ page: Page; reference: string }> {
  const page = await freshPage();
  await page.goto(`${server.url}/anliegen`);
  await page.getByLabel(/Ihr Name/).fill('Greta Gärtner');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel(/^Thema/).selectOption({ label: 'Straßen und Beleuchtung' });
  await page.getByLabel(/^Ihr Anliegen/).fill('Die Straßenlaterne vor der Lindenstraße 4 flackert seit Tagen.');
  await page.getByLabel(/einverstanden/).check();
  await page.getByRole('button', { name: 'Anliegen absenden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vielen Dank, Ihr Anliegen ist eingegangen' }).waitFor();
  const reference = (await page.locator('.reference').first().textContent())!.trim();
  expect(reference).toMatch(/^A-\d{4}-\d{6}$/);
  return { page, reference };
}

/** Chooses an answer by email in the reply box (open once the citizen's contacts are known). */
async function chooseReply(agent: Page) {
  const reply = agent.getByRole('radio', { name: 'Antwort per E-Mail' });
  await expect.poll(() => reply.isEnabled()).toBe(true);
  await reply.check({ force: true });
}

/** The agent answers the citizen by email on the case page. */
async function replyByMail(agent: Page, text: string) {
  await chooseReply(agent);
  await agent.getByLabel('Text', { exact: true }).fill(text);
  await agent.getByRole('button', { name: 'Senden', exact: true }).click();
  await agent.getByRole('status').getByText('Die Antwort ist gespeichert und wird per E-Mail gesendet.').waitFor();
}

/** The delivery badge of the timeline entry with this text. */
const deliveryOf = (agent: Page, text: string) =>
  agent.getByRole('region', { name: 'Verlauf' }).getByRole('listitem').filter({ hasText: text });

describe('without outgoing mail (no SMTP_URL)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ WEBFORM_MIN_SECONDS: '0' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the confirmation, the agent’s reply and the admin’s pages say that no mail leaves', async () => {
    // The citizen is not told that a mail is on its way.
    const citizen = await submitWebform(server, 'greta.gaertner@example.com');
    const main = citizen.page.getByRole('main');
    await main.getByText('Wir schicken Ihnen keine E-Mail. Bitte speichern Sie diesen Link').waitFor();
    expect(await main.getByText('per E-Mail').count()).toBe(0);
    await expectAccessible(citizen.page, 'web form confirmation without outgoing mail');
    await citizen.page.close();

    // The agent is warned on the reply box before writing, and the reply says what really happens to it.
    const agent = await freshPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${citizen.reference}`);
    await agent.getByRole('heading', { level: 1, name: new RegExp(citizen.reference) }).waitFor();
    await chooseReply(agent);
    await agent.getByText('Der Mailversand ist nicht eingerichtet: Ihre Antwort wird gespeichert').waitFor();
    await expectAccessible(agent, 'reply box without outgoing mail');
    await replyByMail(agent, 'Danke, die Laterne wird diese Woche repariert.');
    const reply = deliveryOf(agent, 'die Laterne wird diese Woche repariert');
    await reply.getByText('Mailversand nicht eingerichtet').waitFor();
    expect(await reply.getByText('wird gesendet').count()).toBe(0);
    await expectAccessible(agent, 'case with a reply waiting for outgoing mail');
    await agent.close();

    // The admin sees it on the overview and in Verwaltung, with the mails that wait (confirmation and reply).
    const admin = await freshPage();
    await login(admin, server.url, DEMO.admin);
    const notice = admin.getByRole('status').filter({ hasText: 'Mailversand ist nicht eingerichtet' });
    await notice.getByText(/Wartende E-Mails: 2, die älteste seit/).waitFor();
    await expectAccessible(admin, 'overview with the outgoing mail notice');
    await admin.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Benutzerkonten' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Benutzerkonten' }).waitFor();
    await notice.waitFor();
    await expectAccessible(admin, 'administration with the outgoing mail notice');
    await admin.close();
  });

  it('the demo agent’s bell lists her overdue cases once the escalation has run (at start)', async () => {
    const agent = await freshPage();
    await login(agent, server.url, DEMO.agent);
    const bell = agent.getByRole('button', { name: /^Benachrichtigungen \(\d+ ungelesen\)$/ });
    await expect
      .poll(async () => Number(/\((\d+)/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0))
      .toBeGreaterThan(0);
    await expectAccessible(agent, 'overview with unread notifications');
    // (axe is not run on the open menu: Mantine's focus placeholder in every Menu fails aria-required-children.)
    await bell.click();
    const overdue = agent.getByRole('menuitem', { name: /A-\d{4}-\d{6} ist überfällig/ }).first();
    await overdue.waitFor();
    const reference = /A-\d{4}-\d{6}/.exec((await overdue.textContent()) ?? '')![0];
    // It is hers: it is among her open cases.
    await agent.keyboard.press('Escape');
    await agent.goto(`${server.url}/cases?view=mine`);
    await agent.getByRole('link', { name: reference }).waitFor();
    await expectAccessible(agent, 'her inbox');
    await agent.close();
  });
});

describe('with a relay (SMTP_URL)', () => {
  let server: RunningServer;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startServer({ SMTP_URL: sink.url, OUTBOUND_MAIL_INTERVAL_SECONDS: '1', WEBFORM_MIN_SECONDS: '0' });
  });
  afterAll(async () => {
    await server?.stop();
    await sink?.close();
  });

  it('a confirmation is announced and a reply that went out says "gesendet", without a warning', async () => {
    const citizen = await submitWebform(server, 'hans.hell@example.com');
    await citizen.page
      .getByRole('main')
      .getByText('Wir schicken Ihnen die Vorgangsnummer und den Link auch per E-Mail.')
      .waitFor();
    await expectAccessible(citizen.page, 'web form confirmation with outgoing mail');
    await citizen.page.close();

    const agent = await freshPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${citizen.reference}`);
    await agent.getByRole('heading', { level: 1, name: new RegExp(citizen.reference) }).waitFor();
    await replyByMail(agent, 'Die Laterne ist bestellt.');
    expect(await agent.getByText('Der Mailversand ist').count()).toBe(0);
    const replied = () =>
      sink.messages.filter(
        (mail) => mail.text?.includes('Die Laterne ist bestellt.') && mail.subject?.includes(citizen.reference),
      );
    await expect.poll(() => replied().length, { timeout: 15_000 }).toBe(1);
    await agent.reload();
    await deliveryOf(agent, 'Die Laterne ist bestellt.').getByText('gesendet', { exact: true }).waitFor();
    await expectAccessible(agent, 'case with a sent reply');
    await agent.close();
  });
});

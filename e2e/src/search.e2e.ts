import nodemailer from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { freePort, startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;
let smtpPort: number;
let agent: Page;

beforeAll(async () => {
  smtpPort = await freePort();
  server = await startServer({ SMTP_LISTEN_PORT: String(smtpPort) });
  browser = await launchBrowser();
  agent = await browser.newPage();
  await login(agent, server.url, DEMO.agent);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Types into the header's search box, reached with the `/` key as agents do, and shows the results. */
async function searchFor(page: Page, text: string) {
  await page.locator('body').press('/');
  const box = page.getByRole('searchbox', { name: 'Suche' });
  await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
  await box.fill(text);
  await box.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Suche: ${text}` }).waitFor();
}

describe('search', () => {
  it('finds a case by a word from an email body and by the citizen’s phone number typed with spaces', async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    await api.createCitizen({
      givenName: 'Gustav',
      familyName: 'Grün',
      contacts: [
        { kind: 'email', value: 'gustav.gruen@example.com' },
        { kind: 'phone', value: '+49 171 5550199' },
      ],
    });
    await nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }).sendMail({
      from: 'Gustav Grün <gustav.gruen@example.com>',
      to: 'buergerbuero@musterstadt.example',
      subject: 'Wasser im Keller',
      text: 'Guten Tag,\n\nseit gestern tritt am Gehweg vor Nummer 4 Wasser aus, vermutlich ein Wasserrohrbruch.\n\nGustav Grün',
    });
    await expect.poll(async () => (await api.search('Wasserrohrbruch')).cases.length, { timeout: 15_000 }).toBe(1);
    const reference = (await api.search('Wasserrohrbruch')).cases[0]!.reference;

    await searchFor(agent, 'wasserrohrbruch');
    const results = agent.getByRole('table', { name: 'Vorgänge' });
    await results.getByRole('link', { name: reference }).waitFor();
    expect(await results.locator('mark').first().textContent()).toBe('Wasserrohrbruch');
    await expectAccessible(agent, 'search results');

    await searchFor(agent, '0171 555 01 99');
    await agent.getByRole('table', { name: 'Personen' }).getByRole('link', { name: 'Gustav Grün' }).waitFor();
    await agent.getByRole('table', { name: 'Vorgänge' }).getByRole('link', { name: reference }).click();
    await agent.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
  });

  it('finds parts of words, typos and references as read out, and says which were found by a similar spelling', async () => {
    // The case of the first test: "Wasserrohrbruch" from Gustav Grün.
    const api = await ApiClient.login(server.url, DEMO.agent);
    const { reference } = (await api.search('Wasserrohrbruch')).cases[0]!;
    const results = agent.getByRole('table', { name: 'Vorgänge' });

    await searchFor(agent, 'Rohrbruch');
    await results.getByRole('link', { name: reference }).waitFor();
    expect(await results.locator('mark').first().textContent()).toBe('Wasserrohrbruch');

    await searchFor(agent, 'Wasserohrbruch');
    const row = results.getByRole('row').filter({ has: agent.getByRole('link', { name: reference }) });
    await row.getByText('ähnliche Schreibweise').waitFor();
    await expectAccessible(agent, 'search results with a similar spelling');

    await searchFor(agent, 'Grühn');
    const people = agent.getByRole('table', { name: 'Personen' });
    await people.getByRole('row').filter({ hasText: 'Gustav Grün' }).getByText('ähnlicher Name').waitFor();

    const [, year, serial] = reference.split('-');
    await searchFor(agent, `${Number(serial)}/${year}`);
    await results.getByRole('link', { name: reference }).waitFor();
    await expectAccessible(agent, 'search results for a reference as read out');
  });

  it('explains a filter it cannot use, and keeps a search as a named view in the inbox', async () => {
    await searchFor(agent, 'kanal:fax');
    await agent.getByRole('alert').getByText('„kanal:fax“: unbekannter Kanal', { exact: false }).waitFor();
    await expectAccessible(agent, 'search with a mistake');

    await searchFor(agent, 'kanal:telefon status:offen');
    await agent.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first().waitFor();
    const firstFound = await agent.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first().textContent();
    await agent.getByRole('button', { name: 'Als Ansicht speichern' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Als Ansicht speichern' });
    await dialog.getByLabel('Name der Ansicht').fill('Offene Anrufe');
    await expectAccessible(agent, 'save a search as a view');
    await dialog.getByRole('button', { name: 'Speichern' }).click();

    await agent.getByRole('heading', { level: 1, name: 'Posteingang' }).waitFor();
    const views = agent.getByRole('navigation', { name: 'Gespeicherte Ansichten' });
    expect(await views.getByRole('link', { name: 'Offene Anrufe' }).getAttribute('aria-current')).toBe('page');
    await agent.getByRole('table', { name: 'Offene Anrufe' }).getByRole('link', { name: firstFound! }).waitFor();
    await expectAccessible(agent, 'inbox with a saved view');

    // Back to a built-in view and into the saved one again, by link.
    await agent.locator('label', { hasText: 'Alle offenen' }).click();
    await agent.getByRole('table', { name: 'Vorgänge' }).waitFor();
    await views.getByRole('link', { name: 'Offene Anrufe' }).click();
    await agent.getByRole('table', { name: 'Offene Anrufe' }).waitFor();
  });
});

import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * Statistics drill-down and the weekly report (issue 16): a team lead opens the cases behind a figure (by keyboard
 * in the table view, and by clicking a bar); a supervisor sees numbers only and switches the weekly report off; an
 * admin sees who gets it. The server has no SMTP_URL: the page says that no report goes out. The sending itself is
 * proven against a real SMTP server in server/src/modules/reports/reports.service.test.ts.
 */
let server: RunningServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer({});
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signInAs(email: string) {
  await browser.clearCookies();
  await login(page, server.url, email);
  await page.goto(`${server.url}/statistics`);
  await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
  await page.getByRole('region', { name: /^Kennzahlen/ }).waitFor();
  await expect.poll(() => page.getByText(/^Statistik wird (geladen|aktualisiert)/).count()).toBe(0);
}

/** A panel's numbers as a table. */
async function tableOf(title: string): Promise<Locator> {
  const panel = page.getByRole('region', { name: title, exact: true });
  const asTable = panel.getByRole('button', { name: 'Als Tabelle' });
  if ((await asTable.count()) > 0 && (await asTable.getAttribute('aria-pressed')) === 'false') await asTable.click();
  const table = panel.getByRole('table');
  await table.waitFor();
  return table;
}

const numberOf = (text: string) => Number(text.replace(/\D/g, ''));

describe('statistics drill-down', () => {
  it('a team lead opens the cases behind a count by keyboard, and behind a bar', async () => {
    await signInAs(DEMO.team_lead);
    await page.getByText('Eine unterstrichene Zahl in der Tabellenansicht').waitFor();
    const flow = await tableOf('Eröffnete und erledigte Vorgänge');
    const buttons = flow.getByRole('button', { name: /Vorgänge anzeigen/ });
    expect(await buttons.count()).toBeGreaterThan(0);
    // The smallest count, so the dialog lists them all on its first page.
    const counts = (await buttons.allTextContents()).map(numberOf);
    const smallest = counts.indexOf(Math.min(...counts));
    const button = buttons.nth(smallest);
    const count = counts[smallest]!;
    await expectAccessible(page, 'statistics with drill-down buttons');

    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Eröffnete und erledigte Vorgänge: / });
    await dialog.waitFor();
    await dialog.getByText(new RegExp(`^${count} ${count === 1 ? 'Vorgang' : 'Vorgänge'}$`)).waitFor();
    const rows = dialog.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(count, 50));
    const links = dialog.getByRole('link', { name: /^A-\d{4}-\d{6}$/ });
    expect(await links.count()).toBe(Math.min(count, 50));
    await expectAccessible(page, 'drill-down dialog');

    // Escape closes it and the focus is back on the count.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true);

    // A case link leads to the case.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    const reference = (await links.first().textContent())!;
    await links.first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${reference} · `) }).waitFor();

    // A bar of the contacts chart opens its contacts.
    await page.goBack();
    await page.getByRole('region', { name: /^Kennzahlen/ }).waitFor();
    const contacts = page.getByRole('region', { name: 'Kontakte nach Kanal', exact: true });
    await contacts.locator('.recharts-bar-rectangle path').first().waitFor();
    await contacts.locator('.recharts-bar-rectangle path').first().click();
    const contactsDialog = page.getByRole('dialog', { name: /^Kontakte nach Kanal: / });
    await contactsDialog.waitFor();
    await contactsDialog.getByText(/^\d+ Kontakte? \(/).waitFor();
    await contactsDialog.locator('tbody tr').first().waitFor();
    await expectAccessible(page, 'contacts drill-down dialog');
    await page.keyboard.press('Escape');
    await contactsDialog.waitFor({ state: 'detached' });

    // Team leads may get the report too: off until they switch it on.
    const report = page.getByRole('region', { name: 'Wochenbericht per E-Mail' });
    expect(await report.getByRole('switch', { name: 'Wochenbericht per E-Mail bekommen' }).isChecked()).toBe(false);
  });

  it('a supervisor sees numbers only, is told mail is not set up, and switches the weekly report off', async () => {
    await signInAs(DEMO.supervisor);
    await page.getByText('Nur Zahlen: Die Vorgänge hinter den Zahlen sehen die Teamleitungen').waitFor();
    const flow = await tableOf('Eröffnete und erledigte Vorgänge');
    expect(await flow.locator('tbody td').count()).toBeGreaterThan(0);
    expect(await flow.getByRole('button').count()).toBe(0);
    // A bar is no way in either.
    const contacts = page.getByRole('region', { name: 'Kontakte nach Kanal', exact: true });
    await contacts.locator('.recharts-bar-rectangle path').first().click();
    expect(await page.getByRole('dialog').count()).toBe(0);

    const report = page.getByRole('region', { name: 'Wochenbericht per E-Mail' });
    await report.getByText('E-Mail-Versand nicht eingerichtet').waitFor();
    await report.getByText('Bisher kein Bericht an Sie verschickt.').waitFor();
    const toggle = report.getByRole('switch', { name: 'Wochenbericht per E-Mail bekommen' });
    expect(await toggle.isChecked()).toBe(true);
    await expectAccessible(page, 'statistics for a supervisor with the report switch');
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await expect.poll(() => toggle.isDisabled()).toBe(false);
    await page.reload();
    await report.getByRole('switch', { name: 'Wochenbericht per E-Mail bekommen' }).waitFor();
    expect(await report.getByRole('switch', { name: 'Wochenbericht per E-Mail bekommen' }).isChecked()).toBe(false);
    await expectAccessible(page, 'report switched off');
  });

  it('an admin sees who gets the weekly report', async () => {
    await signInAs(DEMO.admin);
    const report = page.getByRole('region', { name: 'Wochenbericht per E-Mail' });
    const table = report.getByRole('table', { name: 'Wer den Wochenbericht bekommt' });
    await table.waitFor();
    await report.getByText('E-Mail-Versand nicht eingerichtet').waitFor();
    const supervisorRow = table.locator('tbody tr').filter({ hasText: 'Controlling' });
    expect(await supervisorRow.count()).toBeGreaterThan(0);
    // The demo supervisor switched it off above.
    expect(await supervisorRow.first().locator('td').nth(1).textContent()).toBe('Nein');
    await expectAccessible(page, 'weekly report recipients for an admin');
  });
});

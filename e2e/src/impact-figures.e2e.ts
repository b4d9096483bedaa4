import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchChromium } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * Issue 18, impact figures against targets: an admin sets a target, the supervisor's statistics show the figure
 * beside it with "Ziel erreicht / knapp verfehlt / verfehlt" in words, the admin publishes the figures by keyboard,
 * and the public page shows the numbers the dashboard shows for the same 30 days. axe on the admin page and the public
 * page in light and dark, at 390 and 1440 px. One server (the demo town) for the file.
 */
let server: RunningServer;
let chromium: Browser;
let staff: BrowserContext;
let admin: Page;
let supervisor: Page;

beforeAll(async () => {
  server = await startServer({});
  chromium = await launchChromium();
  staff = await chromium.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
  admin = await staff.newPage();
  await login(admin, server.url, DEMO.admin);
  // A second session of its own: the supervisor signs in in another context.
  supervisor = await (await chromium.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } })).newPage();
  await login(supervisor, server.url, DEMO.supervisor);
});
afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

/** Text as shown, with German's no-break spaces ("71,2 %") as plain ones. */
const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ').trim();

/** The app's colour scheme as its header toggle sets it (Mantine's key), applied by a reload. */
async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.evaluate((value) => localStorage.setItem('mantine-color-scheme-value', value), scheme);
  await page.reload();
}

/** The statistics page's impact figures for its default range (the last 30 days, as the public page). */
async function impactFigures(page: Page) {
  await page.goto(`${server.url}/statistics`);
  const region = page.getByRole('region', { name: /^Wirkung und Ziele/ });
  await region.locator('[data-metric]').first().waitFor();
  return region;
}

describe('impact figures against targets', () => {
  it('an admin sets a target and the supervisor sees the figure beside it, judged in words', async () => {
    await admin.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Ziele und Kennzahlen' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Ziele und Kennzahlen' }).waitFor();
    // The demo town's targets (the examples).
    const targets = admin.getByRole('table', { name: 'Ziele' });
    expect(await targets.locator('tbody tr').count()).toBe(4);
    for (const scheme of ['light', 'dark'] as const) {
      await useScheme(admin, scheme);
      for (const width of [390, 1440]) {
        await admin.setViewportSize({ width, height: 900 });
        await admin.getByRole('table', { name: 'Ziele' }).waitFor();
        await expectAccessible(admin, `targets page, ${scheme}, ${width} px`);
      }
    }
    await useScheme(admin, 'light');

    await admin.getByRole('button', { name: 'Neues Ziel' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Ziel festlegen' });
    await dialog.getByLabel('Kennzahl').selectOption({ label: 'Erledigt innerhalb der Frist' });
    const value = dialog.getByLabel('Ziel in Prozent');
    // Out of range: named at the field, nothing sent.
    await value.fill('150');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.getByText('Bitte geben Sie einen Anteil von 0 bis 100 % an, mit höchstens einer Nachkommastelle.').waitFor();
    await value.fill('75');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await admin.getByText('Ziel wurde gespeichert.').waitFor();
    const row = admin.getByRole('row', { name: /Erledigt innerhalb der Frist/ });
    expect(plain(await row.textContent())).toContain('Ziel: mindestens 75 %');

    const figures = await impactFigures(supervisor);
    const card = figures.locator('[data-metric="resolved_within_sla"]');
    const text = plain(await card.textContent());
    expect(text).toContain('Ziel: mindestens 75 %');
    // The verdict in words, and the right one for the value shown (met at 75 %, near down to 70 %).
    const shown = Number(/(\d+(?:,\d)?) %/.exec(text)![1]!.replace(',', '.'));
    const expected = shown >= 75 ? 'Ziel erreicht' : shown >= 70 ? 'Ziel knapp verfehlt' : 'Ziel verfehlt';
    expect(text).toContain(expected);
    await expectAccessible(supervisor, 'statistics with impact figures');
  });

  it('the admin publishes the figures by keyboard, and the public page shows the dashboard’s numbers', async () => {
    await admin.goto(`${server.url}/admin/impact`);
    const publish = admin.getByRole('checkbox', { name: 'Kennzahlen öffentlich zeigen' });
    await publish.focus();
    await admin.keyboard.press('Space');
    await admin.getByRole('link', { name: /^Öffentliche Seite öffnen/ }).waitFor();
    expect(await publish.isChecked()).toBe(true);

    const figures = await impactFigures(supervisor);
    const dashboardValue = async (metric: string) =>
      /(\d+(?:,\d)?) %/.exec(plain(await figures.locator(`[data-metric="${metric}"]`).textContent()))?.[1];
    const answers = /(\d+) Rückmeldung/.exec(
      plain(await supervisor.getByText(/Rückmeldung(en)? im Zeitraum/).textContent()),
    )?.[1];

    const citizen = await chromium.newContext({ locale: 'de-DE' });
    const page = await citizen.newPage();
    const response = await page.goto(`${server.url}/anliegen/kennzahlen`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Unsere Kennzahlen' }).waitFor();
    const figure = async (heading: string) =>
      plain(await page.getByRole('region', { name: heading }).locator('.figure').textContent());
    // The same 30 days, the same numbers (the dashboard shows at least as many cases as the page needs).
    expect(`${await figure('Erledigt innerhalb der Frist')}`).toBe(`${await dashboardValue('resolved_within_sla')} %`);
    expect(`${await figure('Erste Antwort innerhalb eines Arbeitstags')}`).toBe(
      `${await dashboardValue('first_response_within_day')} %`,
    );
    expect(plain(await page.getByText(/^Antworten in diesem Zeitraum:/).textContent())).toBe(
      `Antworten in diesem Zeitraum: ${answers}`,
    );
    expect(plain(await page.getByRole('region', { name: 'Erledigt innerhalb der Frist' }).textContent())).toContain(
      'Unser Ziel: mindestens 75 %',
    );
    // Open data with the same figure.
    const data = (await (await page.request.get(`${server.url}/anliegen/kennzahlen.json`)).json()) as {
      resolvedWithinTarget: { value: number; target: number };
    };
    expect(data.resolvedWithinTarget.target).toBe(0.75);
    expect(`${(Math.round(data.resolvedWithinTarget.value * 1000) / 10).toLocaleString('de-DE')} %`).toBe(
      await figure('Erledigt innerhalb der Frist'),
    );

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [390, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await expectAccessible(page, `public figures, ${colorScheme}, ${width} px`);
      }
    }
    await citizen.close();
  });
});

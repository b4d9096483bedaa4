import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;
let supervisor: Page;

beforeAll(async () => {
  server = await startServer({});
  browser = await launchBrowser();
  supervisor = await browser.newPage();
  await login(supervisor, server.url, DEMO.supervisor);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A calendar day in Berlin, `daysBack` days before today, as the date inputs take it ("2026-03-31"). */
function berlinDay(daysBack: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - daysBack)).toISOString().slice(0, 10);
}

/** An ISO day as the date fields show it in German ("31.03.2026"), and as a clerk types it ("31.3.2026"). */
const german = (isoDay: string) => isoDay.split('-').reverse().join('.');
const typed = (isoDay: string) =>
  isoDay
    .split('-')
    .reverse()
    .map((part) => String(Number(part)))
    .join('.');

const searchParam = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** Waits until the dashboard shows figures for the current URL (no request running). */
async function settled(page: Page) {
  await page.getByRole('region', { name: /^Kennzahlen/ }).waitFor();
  await expect.poll(() => page.getByText(/^Statistik wird (geladen|aktualisiert)/).count()).toBe(0);
}

describe('statistics', () => {
  it('a supervisor narrows the dashboard, reads a chart as a table and exports it as CSV', async () => {
    const page = supervisor;
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Statistik' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
    await settled(page);
    // The default range: the last 30 days up to today; shares in German notation.
    // The date fields show German dates whatever the browser's language.
    expect(await page.getByLabel('Von', { exact: true }).inputValue()).toBe(german(berlinDay(29)));
    expect(await page.getByLabel('Bis', { exact: true }).inputValue()).toBe(german(berlinDay(0)));
    const figures = page.getByRole('region', { name: /^Kennzahlen/ });
    expect(await figures.getByText(/^\d{1,3}(,\d)?\s%$/).count()).toBeGreaterThan(0);
    const contacts = page.getByRole('region', { name: 'Kontakte nach Kanal', exact: true });
    await contacts.getByRole('img', { name: /Kontakte nach Kanal/ }).waitFor();
    await expectAccessible(page, 'statistics dashboard');

    // A quarter by month, phone only: everything lands in the URL.
    const from = berlinDay(89);
    const to = berlinDay(0);
    // Typed as a clerk types it; the URL keeps the ISO day.
    const fromField = page.getByLabel('Von', { exact: true });
    await fromField.fill('');
    await fromField.pressSequentially(typed(from));
    await expect.poll(() => searchParam(page, 'from')).toBe(from);
    await page.keyboard.press('Tab');
    expect(await fromField.inputValue()).toBe(german(from));
    await page.getByLabel('Gruppierung').selectOption({ label: 'Monat' });
    await expect.poll(() => searchParam(page, 'groupBy')).toBe('month');
    await page.getByLabel('Kanal', { exact: true }).selectOption({ label: 'Telefon' });
    await expect.poll(() => searchParam(page, 'channel')).toBe('phone');
    await settled(page);

    // The chart's numbers as a table.
    const asTable = contacts.getByRole('button', { name: 'Als Tabelle' });
    expect(await asTable.getAttribute('aria-pressed')).toBe('false');
    await asTable.click();
    expect(await asTable.getAttribute('aria-pressed')).toBe('true');
    const table = contacts.getByRole('table', { name: /^Kontakte nach Kanal, / });
    await table.waitFor();
    expect(await table.locator('caption').isVisible()).toBe(true);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Zeitraum', 'Telefon', 'Summe']);
    const rows = table.locator('tbody tr');
    const rowCount = await rows.count();
    expect(rowCount).toBeGreaterThanOrEqual(3);
    const totals = (await rows.locator('td:last-child').allTextContents()).map((text) => Number(text.replace(/\./g, '')));
    expect(totals.every((n) => Number.isInteger(n))).toBe(true);
    expect(totals.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    await expectAccessible(page, 'statistics as a table');

    // The same table as CSV for Excel: BOM, semicolons, one line per row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      contacts.getByRole('button', { name: 'CSV exportieren' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`anliegen-kontakte-${from}-${to}.csv`);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Zeitraum;Telefon;Summe');
    expect(lines).toHaveLength(rowCount + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[^;]+;\d+;\d+$/);
    expect(lines.slice(1).reduce((sum, line) => sum + Number(line.split(';')[2]), 0)).toBe(totals.reduce((sum, n) => sum + n, 0));
  });
});

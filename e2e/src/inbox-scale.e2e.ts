import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

/** Rows the table may hold in the DOM at once, whatever was loaded: the window, overscan and the selected row. */
const MAX_DOM_ROWS = 150;

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
/** The "all cases" view as the API lists it for the agent, in the inbox's default order. */
let references: string[];

beforeAll(async () => {
  server = await startServer({}, { seed: { citizens: 3000, cases: 10_500 } });
  browser = await launchBrowser();
  page = await browser.newPage();
  const api = await ApiClient.login(server.url, DEMO.agent);
  references = [];
  let cursor: string | null = null;
  do {
    const listed: Awaited<ReturnType<ApiClient['listCases']>> = await api.listCases({ view: 'all', limit: 200, cursor });
    references.push(...listed.items.map((item) => item.reference));
    cursor = listed.nextCursor;
  } while (cursor);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The focused link: its text, the aria-rowindex of its row, and whether it lies inside the window. */
function focused(p: Page) {
  return p.evaluate(() => {
    const element = document.activeElement;
    const rect = element?.getBoundingClientRect();
    return {
      text: element?.textContent,
      row: Number(element?.closest('tr')?.getAttribute('aria-rowindex') ?? 0),
      selectedRow: Number(document.querySelector('tr[aria-selected="true"]')?.getAttribute('aria-rowindex') ?? 0),
      inView: rect !== undefined && rect.top >= 0 && rect.bottom <= window.innerHeight,
    };
  });
}

/**
 * Waits until the link of the case at `index` (0-based, in the API's order) has the focus and its row is the selected
 * one. Row, selection and text are compared together, so a failure tells a key that went astray (wrong row), focus
 * that did not follow the selection, and rows in another order (right row, wrong text) apart.
 */
async function expectFocusOn(p: Page, index: number, inView?: boolean) {
  const expected = {
    text: references[index],
    row: index + 2,
    selectedRow: index + 2,
    ...(inView === undefined ? {} : { inView }),
  };
  await expect
    .poll(
      async () => {
        const { text, row, selectedRow, inView: visible } = await focused(p);
        return { text, row, selectedRow, ...(inView === undefined ? {} : { inView: visible }) };
      },
      { timeout: 5_000 },
    )
    .toEqual(expected);
}

describe('the inbox with ten thousand cases', () => {
  it('loads every case of the view while scrolling with few rows in the DOM, and moves by keyboard across pages', async () => {
    expect(references.length).toBeGreaterThanOrEqual(10_000);
    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/cases?view=all`);
    const table = page.getByRole('table', { name: 'Vorgänge' });
    await table.getByRole('link', { name: references[0] }).waitFor();
    // The most rows the table ever holds, watched in the page so no moment between two checks is missed.
    await page.evaluate(() => {
      const scope = window as Window & { maxCaseRows?: number };
      scope.maxCaseRows = 0;
      const count = () => {
        scope.maxCaseRows = Math.max(scope.maxCaseRows ?? 0, document.querySelectorAll('table[aria-rowcount] tbody tr').length);
      };
      count();
      new MutationObserver(count).observe(document.body, { childList: true, subtree: true });
    });
    const maxDomRows = () => page.evaluate(() => (window as Window & { maxCaseRows?: number }).maxCaseRows ?? 0);
    const rowCount = async () => Number(await table.getAttribute('aria-rowcount'));

    // The first page, then j down to its last row; the second page loads on the way, and j crosses into it.
    const firstPage = (await rowCount()) - 1;
    expect(firstPage).toBeGreaterThan(0);
    expect(firstPage).toBeLessThan(references.length);
    for (let i = 0; i < firstPage; i++) await page.keyboard.press('j');
    await expectFocusOn(page, firstPage - 1);
    await expect.poll(rowCount, { timeout: 15_000 }).toBeGreaterThan(firstPage + 1);
    await page.keyboard.press('j');
    await expectFocusOn(page, firstPage);
    await page.keyboard.press('k');
    await expectFocusOn(page, firstPage - 1);
    await page.keyboard.press('j');
    await expectFocusOn(page, firstPage);

    // Scrolling to the end loads page after page until the whole view is there.
    for (let loaded = await rowCount(); loaded < references.length + 1; loaded = await rowCount()) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(rowCount, { timeout: 15_000 }).toBeGreaterThan(loaded);
    }
    expect(await rowCount()).toBe(references.length + 1);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await table.getByRole('link', { name: references.at(-1) }).waitFor();
    expect(await page.getByRole('button', { name: 'Mehr laden' }).count()).toBe(0);
    const lastRowIndex = await table.locator('tbody tr[aria-rowindex]').last().getAttribute('aria-rowindex');
    expect(Number(lastRowIndex)).toBe(references.length + 1);
    expect(await maxDomRows()).toBeGreaterThan(0);
    expect(await maxDomRows()).toBeLessThan(MAX_DOM_ROWS);
    await expectAccessible(page, 'inbox scrolled to the end of ten thousand cases');

    // Far below the selection now: j moves to the next row, which was not rendered, and brings it into view.
    expect(await table.getByRole('link', { name: references[firstPage + 1] }).count()).toBe(0);
    await page.keyboard.press('j');
    await expectFocusOn(page, firstPage + 1, true);
    expect(await maxDomRows()).toBeLessThan(MAX_DOM_ROWS);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${references[firstPage + 1]} · `) }).waitFor();
  }, 180_000);
});

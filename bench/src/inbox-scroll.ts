import { launchBrowser } from '../../e2e/src/support/browser.js';
import { HttpClient } from '../../server/src/test/http-client.js';
import { type InboxScrollResult, percentile } from './measure.js';

/** A frame this long (ms) is one a user notices as a stutter (the browser's own "long animation frame" bound). */
const LONG_FRAME_MS = 50;
/** Loading all rows page by page must not take longer than this (ms). */
const LOAD_TIMEOUT_MS = 300_000;

/**
 * Opens the inbox ("all cases") in Chromium as `login`, scrolls until every row of the view is loaded (at least
 * `rows`, or it fails: the server does not hold the data set asked for), then scrolls from top to bottom by `stepPx`
 * per frame (default: one window height), timing every frame with requestAnimationFrame.
 */
export async function measureInboxScroll(options: {
  url: string;
  login: { email: string; password: string };
  rows: number;
  stepPx?: number;
}): Promise<InboxScrollResult> {
  // A session from the real login, handed to the browser as its cookies.
  const http = new HttpClient(options.url);
  await http.logIn(options.login.email, options.login.password);
  const browser = await launchBrowser();
  try {
    await browser.addCookies([...http.cookies].map(([name, value]) => ({ name, value, url: options.url })));
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${options.url}/cases?view=all`);
    const table = page.locator('table[aria-rowcount]');
    // The first page is there (the table itself shows before its rows).
    await table.locator('tbody tr[aria-rowindex]').first().waitFor();

    // Each scroll to the bottom brings the next page, until none is left.
    const started = Date.now();
    const loadedRows = async () => Number(await table.getAttribute('aria-rowcount')) - 1;
    for (let loaded = await loadedRows(); ; loaded = await loadedRows()) {
      if (Date.now() - started > LOAD_TIMEOUT_MS) throw new Error(`only ${loaded} rows loaded in time`);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const more = await page.waitForFunction(
        (before) => {
          const count = Number(document.querySelector('table[aria-rowcount]')?.getAttribute('aria-rowcount')) - 1;
          // The list's "load more" button (the demo accounts use German) is there while a page is left.
          const pageLeft = [...document.querySelectorAll('button')].some((button) => button.textContent === 'Mehr laden');
          return count > before ? 'more' : pageLeft ? false : 'end';
        },
        loaded,
        { timeout: 30_000 },
      );
      if ((await more.jsonValue()) === 'end') break;
    }
    const rows = await loadedRows();
    if (rows < options.rows) throw new Error(`the inbox view ends after ${rows} rows, fewer than the ${options.rows} asked for`);

    await page.evaluate(() => window.scrollTo(0, 0));
    // No named functions inside: tsx (keepNames) would wrap them in a helper the page does not have.
    const timing = await page.evaluate(async (stepPx) => {
      const rowsSelector = 'table[aria-rowcount] tbody tr';
      const step = stepPx ?? window.innerHeight;
      const frameMs: number[] = [];
      let maxDomRows = document.querySelectorAll(rowsSelector).length;
      let previous = await new Promise<number>((done) => requestAnimationFrame(done));
      // Until the bottom (within 2 px: the virtualiser corrects the position by a pixel as rows are measured, so
      // "a step no longer moves the page" may never come), and at most four frames per window of height.
      const root = document.documentElement;
      const maxFrames = 4 * Math.ceil(root.scrollHeight / step) + 100;
      while (window.scrollY < root.scrollHeight - root.clientHeight - 2 && frameMs.length < maxFrames) {
        window.scrollBy(0, step);
        const now = await new Promise<number>((done) => requestAnimationFrame(done));
        frameMs.push(now - previous);
        previous = now;
        maxDomRows = Math.max(maxDomRows, document.querySelectorAll(rowsSelector).length);
      }
      return { frameMs, maxDomRows };
    }, options.stepPx);

    const sorted = [...timing.frameMs].sort((a, b) => a - b);
    return {
      rows,
      maxDomRows: timing.maxDomRows,
      frames: sorted.length,
      p95FrameMs: percentile(sorted, 95),
      longFrames: sorted.filter((ms) => ms > LONG_FRAME_MS).length,
    };
  } finally {
    await browser.close();
  }
}

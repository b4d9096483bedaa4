import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchChromium } from './support/browser.js';
import { openServerDatabase } from './support/database.js';
import { layoutProblems } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { sendWebform } from './support/webform.js';

/*
 * The citizens' pages for every citizen (issue 18): each public page with axe in light, dark, Arabic right to left and
 * at 200 % zoom, none scrolling sideways; the browser's language choosing the page's; and by keyboard alone: switch
 * the language, fill in and send the web form, reach the status page. One server for the file.
 */

let server: RunningServer;
let chromium: Browser;
/** A case made through the form: its confirmation (right after sending) and its status page. */
let confirmationPath: string;
let statusPath: string;
/** The survey of a second case, resolved: the link its resolution mail would carry (32 URL-safe characters). */
const SURVEY_TOKEN = 'e2eSurveyTokenOfAResolvedCase001';

beforeAll(async () => {
  const sqlitePath = join(mkdtempSync(join(tmpdir(), 'anliegen-languages-')), 'anliegen.sqlite');
  server = await startServer({ SQLITE_PATH: sqlitePath, WEBFORM_MIN_SECONDS: '0' });
  chromium = await launchChromium();
  statusPath = await sendWebform(server.url, {
    name: 'Leyla Demir',
    email: '',
    phone: '030 9876543',
    text: 'Die Ampel an der Schulstraße ist seit gestern aus.',
  });
  confirmationPath = `${statusPath}?new=1`;
  await sendWebform(server.url, {
    name: 'Oksana Koval',
    email: 'oksana.koval@example.com',
    phone: '',
    text: 'Ich brauche eine Meldebescheinigung.',
  });
  // States made by hand rather than by an agent: the figures published, the second case resolved with its survey.
  const db = openServerDatabase(sqlitePath);
  try {
    await db.updateTable('desk_settings').set({ public_figures: 1 }).where('id', '=', 1).execute();
    const { id } = await db.selectFrom('cases').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const now = Date.now();
    await db.updateTable('cases').set({ status: 'resolved', resolved_at: now }).where('id', '=', id).execute();
    await db
      .insertInto('survey_invitations')
      .values({
        case_id: id,
        token_hash: createHash('sha256').update(SURVEY_TOKEN).digest('base64url'),
        created_at: now,
        expires_at: now + 30 * 86_400_000,
      })
      .execute();
  } finally {
    await db.destroy();
  }
});
afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

/** Every public page, by how to reach it. */
const PUBLIC_PAGES: { name: string; path: () => string }[] = [
  { name: 'web form', path: () => '/anliegen' },
  { name: 'confirmation', path: () => confirmationPath },
  { name: 'status page', path: () => statusPath },
  { name: 'privacy notice', path: () => '/anliegen/datenschutz' },
  { name: 'accessibility statement', path: () => '/anliegen/barrierefreiheit' },
  { name: 'barrier report', path: () => '/anliegen/barrierefreiheit/melden' },
  { name: 'invalid status link', path: () => '/anliegen/status/kein-gueltiger-link-0000000000' },
  { name: 'new status link', path: () => '/anliegen/neuer-link' },
  { name: 'public figures', path: () => '/anliegen/kennzahlen' },
  { name: 'survey', path: () => `/anliegen/rueckmeldung/${SURVEY_TOKEN}` },
];

/**
 * The passes: light, dark, and Arabic right to left at 200 % zoom (the widths of a desktop, a phone and the zoomed
 * window). 200 % zoom is its CSS viewport: a 1280×800 window zoomed to 200 % lays the page out in 640×400 CSS pixels,
 * with the same media queries, so a 640×400 window shows what zoom shows (deviceScaleFactor only sharpens the pixels,
 * and Chromium's own zoom cannot be scripted headless). The language comes from the context's locale, which Chromium
 * sends as Accept-Language: no page is asked for ?lang= here. `reflowAt` also checks a narrower window for sideways
 * scrolling (400 % zoom is 320 px).
 */
const PASSES: { name: string; options: BrowserContextOptions; htmlStart: string; reflowAt?: number }[] = [
  {
    name: 'light at 1440 px',
    options: { locale: 'de-DE', colorScheme: 'light', viewport: { width: 1440, height: 900 } },
    htmlStart: '<html lang="de" dir="ltr"',
  },
  {
    name: 'dark at 390 px',
    options: { locale: 'de-DE', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
    htmlStart: '<html lang="de" dir="ltr"',
  },
  {
    name: 'Arabic, right to left, at 200 % zoom',
    options: { locale: 'ar-EG', colorScheme: 'light', viewport: { width: 640, height: 400 } },
    htmlStart: '<html lang="ar" dir="rtl"',
    reflowAt: 320,
  },
];

describe('every public page', () => {
  it.each(PASSES)('passes axe and scrolls no page sideways: $name', async ({ name, options, htmlStart, reflowAt }) => {
    const context = await chromium.newContext(options);
    const page = await context.newPage();
    try {
      for (const { name: pageName, path } of PUBLIC_PAGES) {
        const label = `${pageName} (${name})`;
        await page.setViewportSize(options.viewport!);
        await page.goto(`${server.url}${path()}`);
        expect(await page.content(), label).toContain(htmlStart);
        expect(await layoutProblems(page), label).toEqual([]);
        await expectAccessible(page, label);
        if (reflowAt) {
          await page.setViewportSize({ width: reflowAt, height: 640 });
          expect(await layoutProblems(page), `${label} at ${reflowAt} px`).toEqual([]);
        }
      }
    } finally {
      await context.close();
    }
  });
});

/** Presses Tab until the focused element matches (at most `limit` times); fails naming where the focus got stuck. */
async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let step = 0; step < limit; step++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector}; the focus is on ${at}`);
}

describe('by keyboard alone', () => {
  it('switches the language, fills in and sends the web form, and reaches the status page', async () => {
    const context = await chromium.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/anliegen`);
      // The first stop skips the language switch; the switch's links come next.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
      await tabTo(page, 'a[hreflang="tr"]');
      await Promise.all([page.waitForURL(/\?lang=tr$/), page.keyboard.press('Enter')]);
      expect(await page.locator('html').getAttribute('lang')).toBe('tr');
      expect(await page.locator('a[aria-current="true"]').getAttribute('hreflang')).toBe('tr');

      await tabTo(page, '#name');
      await page.keyboard.type('Mehmet Kaya');
      await tabTo(page, '#email');
      await page.keyboard.type('mehmet.kaya@example.com');
      await tabTo(page, '#categoryId');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('#categoryId').inputValue()).not.toBe('');
      await tabTo(page, '#text');
      await page.keyboard.type('Parktaki bank kırık, lütfen onarın.');
      await tabTo(page, '#consent');
      await page.keyboard.press('Space');
      await tabTo(page, 'button[type="submit"]');
      await Promise.all([page.waitForURL(/\/anliegen\/status\/[\w-]+\?lang=tr&new=mail$/), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { level: 1, name: 'Teşekkür ederiz, talebiniz bize ulaştı' }).waitFor();

      // The confirmation's personal link (kept in the language used) leads to the status page, still in Turkish.
      await tabTo(page, 'main a[href*="/anliegen/status/"]');
      await Promise.all([page.waitForURL(/\/anliegen\/status\/[\w-]+\?lang=tr$/), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { level: 1, name: 'Talebinizin durumu' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('Parktaki bank kırık');
      await expectAccessible(page, 'status page reached by keyboard (tr)');
    } finally {
      await context.close();
    }
  });
});

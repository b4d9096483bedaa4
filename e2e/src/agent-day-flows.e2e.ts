import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { openServerDatabase } from './support/database.js';
import { DEMO, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

/** Flows of a working day as issue 16 found them broken: quick capture by keyboard, a refused page, the `r` key. */
let server: RunningServer;
let sqlitePath: string;
let browser: BrowserContext;
let page: Page;
let api: ApiClient;
/** What the page wrote to the console as an error, and what it threw. */
let consoleErrors: string[];

beforeAll(async () => {
  sqlitePath = join(mkdtempSync(join(tmpdir(), 'anliegen-day-')), 'anliegen.sqlite');
  server = await startServer({ SQLITE_PATH: sqlitePath });
  browser = await launchBrowser();
  api = await ApiClient.login(server.url, DEMO.agent);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  await browser.clearCookies();
  page = await browser.newPage();
  consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});
afterEach(async () => {
  // A language chosen in a test stays on this device (the browser profile) otherwise.
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

/** The demo town's caller with a phone number nobody else has and no open case: the lookup picks them, not a case. */
async function knownCallerWithoutOpenCase() {
  const db = openServerDatabase(sqlitePath);
  try {
    return await db
      .selectFrom('contact_points')
      .innerJoin('citizens', 'citizens.id', 'contact_points.citizen_id')
      .select(['citizens.display_name as name', 'contact_points.value as phone'])
      .where('contact_points.kind', '=', 'phone')
      .where('citizens.merged_into_id', 'is', null)
      .where('citizens.anonymised_at', 'is', null)
      .where('contact_points.normalized', 'in', (eb) =>
        eb
          .selectFrom('contact_points')
          .select('normalized')
          .where('kind', '=', 'phone')
          .groupBy('normalized')
          .having((h) => h.fn.countAll(), '=', 1),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('cases')
              .select('cases.id')
              .whereRef('cases.citizen_id', '=', 'citizens.id')
              .where('cases.status', 'in', ['new', 'open', 'waiting_citizen', 'waiting_internal']),
          ),
        ),
      )
      .orderBy('citizens.id')
      .executeTakeFirstOrThrow();
  } finally {
    await db.destroy();
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The label of the focused field (without a required marker). */
const focusedLabel = () =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element?.labels?.[0]?.textContent?.replace(/\s*\*$/, '') ?? '';
  });

describe('quick capture', () => {
  it('takes a known caller without an open case by keyboard alone and proposes the subject from the note', async () => {
    const caller = await knownCallerWithoutOpenCase();
    await login(page, server.url, DEMO.agent);
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Anruf oder Schalterbesuch erfassen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Anruf oder Schalterbesuch erfassen' }).waitFor();
    await expectAccessible(page, 'quick capture');

    // The README's flow: number, Enter, note, Ctrl+Enter.
    await page.keyboard.type(caller.phone);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('radio', { name: new RegExp(escapeRegExp(caller.name)) }).isChecked()).toBe(true);
    await expect.poll(focusedLabel).toBe('Text');
    await page.keyboard.type('Fragt, wann der Sperrmüll in der Lindenstraße abgeholt wird.');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Rückruf bis Freitag zugesagt.');
    // The subject is proposed from the note's first line, and stays editable.
    const subject = 'Fragt, wann der Sperrmüll in der Lindenstraße abgeholt wird.';
    expect(await page.getByLabel(/^Betreff/).inputValue()).toBe(subject);
    await page.keyboard.press('Control+Enter');
    const saved = page.getByRole('status').getByText(/^Erfasst in A-\d{4}-\d{6}\./);
    await saved.waitFor();
    await expectAccessible(page, 'quick capture saved');
    // Required fields are marked as on the login form.
    expect(await page.getByLabel(/^Text/).getAttribute('required')).not.toBeNull();
    expect(await page.getByLabel(/^Betreff/).getAttribute('required')).not.toBeNull();

    const reference = (await saved.textContent())!.match(/A-\d{4}-\d{6}/)![0];
    const detail = await api.caseByReference(reference);
    expect(detail.case).toMatchObject({ subject, originChannel: 'phone' });
    expect(detail.case.citizen.displayName).toBe(caller.name);
    await page.getByRole('status').getByRole('link', { name: 'Öffnen' }).click();
    await page.getByRole('heading', { level: 1, name: `${reference} · ${subject}` }).waitFor();
    await expectAccessible(page, 'captured case');
  });
});

describe('pages of another role', () => {
  const routes = async () => {
    const [first] = (await api.listCases({ view: 'mine', limit: 1 })).items;
    return ['/cases', `/cases/${first!.reference}`, '/capture', '/citizens', '/search?q=Hauptstra%C3%9Fe', '/team'];
  };

  it('shows a supervisor "Kein Zugriff" with the way to the statistics, and no console error', async () => {
    await login(page, server.url, DEMO.supervisor);
    for (const path of [...(await routes()), '/canned-responses']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
      await page
        .getByRole('alert')
        .getByText(/^Diese Seite ist nur für die Rollen? .+ freigegeben\. Sie sind mit der Rolle Controlling angemeldet\.$/)
        .waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Zur Statistik' }).waitFor();
      await expectAccessible(page, `${path} as supervisor`);
      expect(consoleErrors, path).toEqual([]);
    }
    await page.getByRole('main').getByRole('link', { name: 'Zur Statistik' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();

    // In English too.
    // The language menu (issue 24, WCAG 3.2.2: it changes only when a language is chosen).
    await page.getByRole('button', { name: 'Sprache: Deutsch' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.goto(`${server.url}/cases`);
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Go to statistics' }).waitFor();
    await expectAccessible(page, 'forbidden page in English');
    expect(consoleErrors).toEqual([]);
  });

  it('shows an admin "Kein Zugriff" with the way to the administration, and no console error', async () => {
    await login(page, server.url, DEMO.admin);
    for (const path of await routes()) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Zur Verwaltung' }).waitFor();
      await expectAccessible(page, `${path} as admin`);
      expect(consoleErrors, path).toEqual([]);
    }
    await page.getByRole('main').getByRole('link', { name: 'Zur Verwaltung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benutzerkonten' }).waitFor();
  });
});

describe('the case page', () => {
  it('focuses the reply box on `r` as soon as the heading shows', async () => {
    const [first] = (await api.listCases({ view: 'mine', limit: 1 })).items;
    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/cases/${first!.reference}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${first!.reference}`) }).waitFor();
    await page.keyboard.press('r');
    expect(await focusedLabel()).toBe('Text');
    await expectAccessible(page, 'case page');
  });
});

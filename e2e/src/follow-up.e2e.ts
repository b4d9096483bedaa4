import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * "Wiedervorlage" (issue 16): an agent puts a case aside until a day; it leaves her inbox and comes back on that day,
 * in the inbox and in the bell. The server's clock for follow-ups is moved through its test clock file
 * (TEST_CLOCK_FILE, NODE_ENV=test only), and the follow-up job then looks every second.
 */
const DAY_MS = 86_400_000;
let server: RunningServer;
let browser: BrowserContext;
let page: Page;
let clockDir: string;
let clockFile: string;

beforeAll(async () => {
  clockDir = mkdtempSync(join(tmpdir(), 'anliegen-clock-'));
  clockFile = join(clockDir, 'offset');
  server = await startServer({ NODE_ENV: 'test', TEST_CLOCK_FILE: clockFile });
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(clockDir, { recursive: true, force: true });
});

/**
 * A Berlin calendar day some days from now: ISO, German as the app shows it ("05.03.2027") and as a clerk types it
 * ("5.3.2027").
 */
function berlinDayIn(days: number) {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' })
    .format(Date.now() + days * DAY_MS)
    .split('-');
  return {
    iso: `${year}-${month}-${day}`,
    german: `${day}.${month}.${year}`,
    typed: `${Number(day)}.${Number(month)}.${year}`,
    dayOfMonth: Number(day),
  };
}

describe('a follow-up date', () => {
  it('takes the case out of "Meine Vorgänge" until its day, then brings it back with a notification', async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await api.createCitizen({ givenName: 'Wilma', familyName: 'Wiedemann' });
    const created = await api.createCase({
      citizenId: citizen.id,
      subject: 'Wohngeld: Kontoauszüge fehlen',
      channel: 'phone',
      text: 'Frau Wiedemann reicht die Kontoauszüge nach.',
    });
    const { reference } = created;
    const typed = berlinDayIn(3);

    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/cases/${reference}`);
    await page.getByRole('heading', { level: 1, name: `${reference} · Wohngeld: Kontoauszüge fehlen` }).waitFor();

    // By keyboard: the status, then the date field (its description says what it does), then save.
    const status = page.getByLabel('Status', { exact: true });
    await status.focus();
    await status.selectOption({ label: 'Wartet auf Rückmeldung' });
    const date = page.getByLabel('Wiedervorlage', { exact: true });
    // German whatever the browser's language: typed as a clerk does, a day that does not exist is refused in words.
    await date.focus();
    await page.keyboard.type('31.2.2027');
    await page.keyboard.press('Tab');
    await page.getByText('Den Tag 31.2.2027 gibt es nicht.', { exact: false }).waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await date.fill('');
    await date.focus();
    await page.keyboard.type(typed.typed);
    await page.keyboard.press('Tab');
    expect(await date.inputValue()).toBe(typed.german);
    expect(await date.getAttribute('aria-describedby')).toBeTruthy();
    await page.getByText('Vorgang bis zu diesem Tag aus dem Posteingang nehmen').waitFor();

    // The calendar by keyboard: it opens on the typed day; an arrow moves one day, Enter picks it.
    const followUp = typed.dayOfMonth > 1 ? berlinDayIn(2) : berlinDayIn(4);
    await page.getByRole('button', { name: 'Kalender öffnen: Wiedervorlage' }).focus();
    await page.keyboard.press('Enter');
    const calendar = page.getByRole('dialog', { name: 'Kalender: Wiedervorlage' });
    await calendar.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toContain(`${typed.dayOfMonth}.`);
    await expectAccessible(page, 'follow-up calendar open');
    await page.keyboard.press(typed.dayOfMonth > 1 ? 'ArrowLeft' : 'ArrowRight');
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    expect(await date.inputValue()).toBe(followUp.german);
    // The chosen day is also said with its weekday.
    await page.getByText(new RegExp(`Gewählt: \\p{L}+, ${followUp.german.replaceAll('.', '\\.')}`, 'u')).waitFor();
    await page.getByRole('button', { name: 'Änderungen speichern' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Gespeichert.', { exact: true }).waitFor();
    await page.getByText(`Wiedervorlage am ${followUp.german}`).waitFor();
    await expectAccessible(page, 'case with a follow-up date');

    // Out of "Meine Fälle"; listed under "Alle" with its date.
    await page.goto(`${server.url}/cases?view=mine`);
    await page.getByRole('table', { name: 'Vorgänge' }).waitFor();
    expect(await page.getByRole('link', { name: reference }).count()).toBe(0);
    await page.goto(`${server.url}/cases?view=all`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
    await row.getByText(`Wiedervorlage ${followUp.german}`).waitFor();
    await expectAccessible(page, 'inbox "Alle" with a follow-up');

    // The day comes: the clock moves four days on; the job brings the case back to the open inbox live.
    await page.goto(`${server.url}/cases?view=mine`);
    await page.getByRole('table', { name: 'Vorgänge' }).waitFor();
    const bell = page.getByRole('button', { name: /^Benachrichtigungen \(\d+ ungelesen\)$/ });
    await bell.waitFor();
    writeFileSync(clockFile, String(4 * DAY_MS));
    await page.getByRole('link', { name: reference }).waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'inbox with the case back');

    // The bell tells, by keyboard too: open it, choose the notice, and the case opens without its date.
    await bell.focus();
    await page.keyboard.press('Enter');
    const notice = page.getByRole('menuitem', { name: new RegExp(`Wiedervorlage: ${reference} ist wieder im Posteingang`) });
    await notice.waitFor();
    // (No axe on the open menu: Mantine's focus-trap sentinel in it, a focusable role="presentation" div, fails
    // aria-required-children for every menu of the app; the inbox behind it was checked above.)
    await notice.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `${reference} · Wohngeld: Kontoauszüge fehlen` }).waitFor();
    await expect.poll(() => page.getByText(/^Wiedervorlage am/).count()).toBe(0);
    expect((await api.caseByReference(reference)).case.followUpAt).toBeNull();
  });
});

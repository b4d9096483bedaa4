import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/cookies.js';
import { sessionIdFor } from '../../server/src/modules/auth/session-token.js';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { deskOf, newTeamCase } from './support/desks.js';
import { openServerDatabase } from './support/database.js';
import { DEMO, DEMO_PASSWORD } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/*
 * Issue 24, WCAG 2.2.1 Timing adjustable and "nothing moves under the user's input".
 * 1. Live updates: a colleague changes the status and writes a note while the agent types a reply and has changed the
 *    status select: nothing on the agent's page moves or changes; a polite bar offers the news and applies them on
 *    request. The inbox keeps its rows under the pointer the same way.
 * 2. The session's end: the browser's session ages in the server's database (its times moved into the past), and
 *    the browser's clock moves as far with Playwright's clock. The warning takes the focus and is announced;
 *    "Angemeldet bleiben" moves the server's expiry; before the hard limit the warning says it cannot be extended;
 *    ignored, the session ends and a sign-in dialog comes over the page: the case's edits, the reply and a
 *    half-written dialog stay, and are saved after signing in. The capture form survives a refused save and a reload.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** SESSION_IDLE_MINUTES and SESSION_WARNING_SECONDS: the defaults; SESSION_MAX_HOURS: two idle times. */
const IDLE = 8 * HOUR;
const WARNING = 2 * MINUTE;
const JONAS = 'j.becker@musterstadt.example';

let server: RunningServer;
const browsers: BrowserContext[] = [];
let dataDir: string;
let db: ReturnType<typeof openServerDatabase>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'anliegen-session-'));
  const sqlitePath = join(dataDir, 'anliegen.sqlite');
  server = await startServer({ SQLITE_PATH: sqlitePath, SESSION_MAX_HOURS: '16' });
  db = openServerDatabase(sqlitePath);
});
afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await db?.destroy();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const replyText = (page: Page) => page.getByRole('textbox', { name: 'Text', exact: true });
const statusSelect = (page: Page) => page.getByLabel('Status', { exact: true });
const bar = (page: Page) => page.getByTestId('live-update-bar');

/** Where the reply's text area is, what it holds, where its caret is and whether it has the focus. */
function replyState(page: Page) {
  return replyText(page).evaluate((element: HTMLTextAreaElement) => {
    const { top, left, width, height } = element.getBoundingClientRect();
    return {
      rect: { top, left, width, height },
      scrollY: window.scrollY,
      value: element.value,
      selection: [element.selectionStart, element.selectionEnd],
      focused: document.activeElement === element,
    };
  });
}

/** A dialog's role, whether it is modal, its name and description as its ARIA references give them, and the focus. */
function dialogState(dialog: Locator) {
  return dialog.evaluate((element) => {
    const texts = (attribute: string) =>
      (element.getAttribute(attribute) ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    return {
      role: element.getAttribute('role'),
      modal: element.getAttribute('aria-modal'),
      name: texts('aria-labelledby'),
      description: texts('aria-describedby'),
      focused: document.activeElement?.textContent || document.activeElement?.getAttribute('aria-label') || null,
      focusInside: element.contains(document.activeElement),
    };
  });
}

/** How long the server says this browser's session has left (asking is no activity). */
function remainingMs(page: Page): Promise<number | null> {
  return page.evaluate(async () => {
    const body = (await (await fetch('/trpc/auth.session')).json()) as { result: { data: { remainingMs: number } | null } };
    return body.result.data?.remainingMs ?? null;
  });
}

/** This browser's session gets older by `ms` on the server: its login, last activity and expiry move back. */
async function sessionAges(page: Page, ms: number) {
  const token = (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE)!.value;
  await db
    .updateTable('sessions')
    .set((eb) => ({
      created_at: eb('created_at', '-', ms),
      last_seen_at: eb('last_seen_at', '-', ms),
      expires_at: eb('expires_at', '-', ms),
    }))
    .where('id', '=', sessionIdFor(token))
    .execute();
}

/** Time passes for the session on the server (`serverMs`) and for this browser's timers (`ms`). */
async function timePasses(page: Page, ms: number, serverMs = ms) {
  await sessionAges(page, serverMs);
  await page.clock.fastForward(ms);
}

describe('live updates', () => {
  it("move nothing under the agent's input: a colleague's status change and note are offered, and applied on request", async () => {
    const reference = await newTeamCase(server.url, 'Parkausweis verloren');
    const anna = await deskOf(server.url, browsers, DEMO.agent);
    await anna.goto(`${server.url}/cases/${reference}`);
    await anna.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();

    // Anna changes the status (not saved yet) and writes; part of her text is selected.
    await statusSelect(anna).selectOption({ label: 'Wartet intern' });
    await replyText(anna).click();
    await anna.keyboard.type('Guten Tag Frau Ostermann, Ihr neuer Parkausweis');
    await replyText(anna).evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(10, 25));
    const before = await replyState(anna);
    expect(before).toMatchObject({ focused: true, selection: [10, 25] });

    // Jonas opens the case (presence), sets another status and adds a note.
    const jonas = await deskOf(server.url, browsers, JONAS);
    await jonas.goto(`${server.url}/cases/${reference}`);
    await anna.getByText('Jonas Becker sieht sich diesen Vorgang gerade an').waitFor();
    await statusSelect(jonas).selectOption({ label: 'Wartet auf Rückmeldung' });
    await jonas.getByRole('button', { name: 'Änderungen speichern' }).click();
    await jonas.getByText('Gespeichert.', { exact: true }).waitFor();
    await jonas.getByRole('radio', { name: 'Interne Notiz' }).check({ force: true });
    await replyText(jonas).fill('Ausweis ist schon beantragt.');
    await jonas.getByRole('button', { name: 'Notiz speichern' }).click();

    // Anna's page offers the news in its polite status bar, and nothing else changed.
    await bar(anna).getByText('Neue Einträge von Jonas Becker.').waitFor();
    expect(await bar(anna).getAttribute('role')).toBe('status');
    expect(await bar(anna).textContent()).toContain('Status jetzt: Wartet auf Rückmeldung.');
    expect(await replyState(anna)).toEqual(before);
    expect(await statusSelect(anna).inputValue()).toBe('waiting_internal');
    expect(await anna.getByText('Ausweis ist schon beantragt.').count()).toBe(0);
    await expectAccessible(anna, 'case page with news offered');

    // On request: the note and the new status show; her own choice and text stay.
    await bar(anna).getByRole('button', { name: 'Übernehmen' }).click();
    await anna.getByText('Ausweis ist schon beantragt.').waitFor();
    expect(await statusSelect(anna).inputValue()).toBe('waiting_internal');
    expect((await replyState(anna)).value).toBe(before.value);
    // Her draft began before Jonas's note: the bar says so until she has seen it.
    await bar(anna)
      .getByText(/Inzwischen gibt es Neues in diesem Vorgang/)
      .waitFor();
    await bar(anna).getByRole('button', { name: 'Gelesen' }).click();
  });

  it('keep the inbox rows under the pointer until the agent asks for the new list', async () => {
    const agent = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await agent.createCitizen({ givenName: 'Paul', familyName: 'Pohl' });
    const page = browsers[0]!.pages()[0]!;
    await page.goto(`${server.url}/cases?view=mine`);
    const firstLink = page.getByRole('table', { name: 'Vorgänge' }).locator('tbody a').first();
    await firstLink.waitFor();
    const first = await firstLink.textContent();
    const box = (await firstLink.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

    // A new case of hers: it would be the list's first row.
    const created = await agent.createCase({ citizenId: citizen.id, subject: 'Hundesteuer', channel: 'phone', text: 'Anruf' });
    await bar(page).getByText('Die Liste hat sich inzwischen geändert.').waitFor();
    expect(await firstLink.textContent()).toBe(first);
    expect(await firstLink.boundingBox()).toEqual(box);
    await expectAccessible(page, 'inbox with a change offered');

    await bar(page).getByRole('button', { name: 'Aktualisieren' }).click();
    await expect.poll(() => firstLink.textContent()).toBe(created.reference);
    // The button went with the notice: the focus is on the list's first case.
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.querySelector('a')?.textContent)).toBe(
      created.reference,
    );
  });
});

describe('the end of a session', () => {
  it('is announced ahead and can be put off; once it came, a sign-in over the page keeps every input, which is then saved', async () => {
    const reference = await newTeamCase(server.url, 'Sperrmüll abholen');
    const page = await deskOf(server.url, browsers, DEMO.agent, { clock: true });
    await page.goto(`${server.url}/cases/${reference}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await statusSelect(page).selectOption({ label: 'Wartet auf Rückmeldung' });
    await replyText(page).click();
    await page.keyboard.type('Guten Tag, der Termin');

    // Almost eight hours without a key pressed: the warning, in time (two minutes ahead), with the focus.
    await timePasses(page, IDLE - 100_000);
    const warning = page.getByRole('alertdialog', { name: 'Ihre Sitzung läuft bald ab' });
    await warning.waitFor();
    expect(await dialogState(warning)).toMatchObject({
      role: 'alertdialog',
      modal: 'true',
      name: 'Ihre Sitzung läuft bald ab',
      focused: 'Angemeldet bleiben',
      focusInside: true,
    });
    expect((await dialogState(warning)).description).toMatch(/In (\d+ Minuten?|\d+ Sekunden?) werden Sie/);
    await expectAccessible(page, 'session warning');
    expect(await remainingMs(page)).toBeLessThan(WARNING);

    // "Angemeldet bleiben": the server's expiry moves on; the focus is back in the text, where it was.
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'hidden' });
    expect(await remainingMs(page)).toBeGreaterThan(IDLE - MINUTE);
    expect(await replyState(page)).toMatchObject({ focused: true, value: 'Guten Tag, der Termin' });

    // A dialog half filled in when the next warning comes: the hard limit (16 hours after login) is near, which
    // nothing extends, so it says so and asks to save; this time nobody answers it.
    await page.getByRole('button', { name: 'Weiterleiten' }).click();
    const forward = page.getByRole('dialog', { name: 'An eine andere Stelle weiterleiten' });
    await forward.getByLabel(/^E-Mail-Adresse der Stelle/).fill('bauamt@musterstadt.example');
    await forward.getByLabel('Begleittext (optional)').fill('Bitte den Abholtermin prüfen.');
    await timePasses(page, IDLE - 100_000);
    const final = page.getByRole('alertdialog', { name: 'Ihre Sitzung endet bald' });
    await final.waitFor();
    expect(await dialogState(final)).toMatchObject({ focused: 'Verstanden', focusInside: true });
    expect((await dialogState(final)).description).toMatch(/lässt sich nicht verlängern.*Bitte speichern Sie jetzt/);
    expect(await final.getByRole('button', { name: 'Angemeldet bleiben' }).count()).toBe(0);
    await expectAccessible(page, 'session warning before the hard limit');
    await timePasses(page, 110_000, 200_000);

    const signIn = page.getByRole('dialog', { name: 'Bitte melden Sie sich erneut an' });
    await signIn.waitFor();
    await final.waitFor({ state: 'hidden' });
    expect(await dialogState(signIn)).toMatchObject({ modal: 'true', focused: null, focusInside: true });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('current-password');
    expect((await dialogState(signIn)).description).toContain('Ihre Eingaben auf dieser Seite sind noch da');
    expect(await remainingMs(page)).toBeNull();
    await expectAccessible(page, 'sign-in over the page');

    // Everything typed is still there, under the sign-in.
    expect(await forward.getByLabel('Begleittext (optional)').inputValue()).toBe('Bitte den Abholtermin prüfen.');
    expect(await statusSelect(page).inputValue()).toBe('waiting_citizen');
    expect((await replyState(page)).value).toBe('Guten Tag, der Termin');

    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await signIn.waitFor({ state: 'hidden' });
    // Signed in again, in the same page: the forward and the case's edits are saved.
    await forward.getByRole('button', { name: 'Weiterleiten' }).click();
    await forward.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.getByText('Gespeichert.', { exact: true }).waitFor();
    const api = await ApiClient.login(server.url, DEMO.agent);
    const saved = await api.caseByReference(reference);
    expect(saved.case.status).toBe('waiting_citizen');
    expect(saved.timeline.some((item) => !item.restricted && item.text?.startsWith('Bitte den Abholtermin prüfen.'))).toBe(true);

    // The capture form: a save refused after the session ended is made again after signing in.
    await page.goto(`${server.url}/capture`);
    const note = page.getByRole('textbox', { name: /^Text/ });
    await page.getByLabel('Telefonnummer des Anrufers').fill('0301234567');
    await page.getByLabel('Name (für neue Personen)').fill('Greta Graf');
    await note.fill('Fragt nach dem Termin für den Sperrmüll.');
    await sessionAges(page, IDLE + MINUTE);
    await page.getByRole('button', { name: 'Erfassen' }).click();
    await signIn.waitFor();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await signIn.waitFor({ state: 'hidden' });
    expect(await note.inputValue()).toBe('Fragt nach dem Termin für den Sperrmüll.');
    await page.getByRole('button', { name: 'Erfassen' }).click();
    await page.getByText(/^Erfasst in A-/).waitFor();

    // And a reload after the session ended: the login page, then the form as it was.
    await note.fill('Ruft wegen der Hausnummer noch einmal an.');
    await sessionAges(page, IDLE + MINUTE);
    await page.reload();
    await page.getByLabel(/^Passwort/).fill(DEMO_PASSWORD);
    await page.getByLabel(/^E-Mail-Adresse/).fill(DEMO.agent);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('Ihre nicht gespeicherten Eingaben wurden wiederhergestellt.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/capture');
    expect(await note.inputValue()).toBe('Ruft wegen der Hausnummer noch einmal an.');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { openServerDatabase } from './support/database.js';
import { DEMO, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

const DAY = 86_400_000;
const number = new Intl.NumberFormat('de-DE');

let server: RunningServer;
let browser: BrowserContext;
let dataDir: string;
let sqlitePath: string;

beforeAll(async () => {
  // Our own database file, so the test can close a case weeks ago (no procedure dates a change back).
  dataDir = mkdtempSync(join(tmpdir(), 'anliegen-privacy-e2e-'));
  sqlitePath = join(dataDir, 'anliegen.sqlite');
  server = await startServer({ SQLITE_PATH: sqlitePath });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });
/** The accessible name of the focused element's text, to follow the focus through the dialogs. */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element?.labels?.[0]?.textContent ?? '';
  });

async function openPrivacyPageAsAdmin(): Promise<Page> {
  await browser.clearCookies();
  const page = await browser.newPage();
  await login(page, server.url, DEMO.admin);
  await nav(page).getByRole('link', { name: 'Datenschutz' }).click();
  await page.getByRole('heading', { level: 1, name: 'Datenschutz' }).waitFor();
  return page;
}

describe('privacy page', () => {
  it('is not offered to an agent, and typing its address shows the forbidden page', async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    await login(page, server.url, DEMO.agent);
    await nav(page).getByRole('link', { name: 'Übersicht' }).waitFor();
    expect(await nav(page).getByRole('link', { name: 'Datenschutz' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/privacy`);
    await page.getByRole('alert').getByText('Dafür fehlt Ihnen die Berechtigung.').waitFor();
    await expectAccessible(page, 'privacy page as an agent');
    await page.close();
  });

  it('edits a retention period, previews what the server would anonymise, and runs it', async () => {
    const agentApi = await ApiClient.login(server.url, DEMO.agent);
    const adminApi = await ApiClient.login(server.url, DEMO.admin);
    const laerm = (await agentApi.categories()).find((category) => category.name === 'Lärm und Ruhestörung');
    if (!laerm) throw new Error('demo category missing');
    const citizen = await agentApi.createCitizen({
      givenName: 'Rosa',
      familyName: 'Rückblick',
      contacts: [{ kind: 'email', value: 'rosa.rueckblick@example.com' }],
    });
    const created = await agentApi.createCase({
      citizenId: citizen.id,
      subject: 'Laubbläser am Feiertag',
      categoryId: laerm.id,
      channel: 'phone',
      text: 'Der Nachbar bläst seit sieben Uhr Laub.',
    });
    const { case: opened } = await agentApi.caseByReference(created.reference);
    await agentApi.updateCase({ id: opened.id, version: opened.version, status: 'closed' });
    const db = openServerDatabase(sqlitePath);
    const closedAt = Date.now() - 40 * DAY;
    await db.updateTable('cases').set({ resolved_at: closedAt, closed_at: closedAt }).where('id', '=', opened.id).execute();
    await db.destroy();

    const page = await openPrivacyPageAsAdmin();
    await expectAccessible(page, 'privacy page');
    const table = page.getByRole('table', { name: 'Aufbewahrungsfristen nach Thema' });
    const row = table.getByRole('row', { name: /Lärm und Ruhestörung/ });
    expect(await row.getByRole('cell').first().textContent()).toBe('365 Tage nach Abschluss');
    // Nothing of the demo data is older than a year: nothing is due.
    await page.getByText('Derzeit ist kein Vorgang fällig.').waitFor();

    // Too short a period is refused in the form, and the server keeps the old one.
    await row.getByRole('button', { name: 'Bearbeiten: Lärm und Ruhestörung' }).click();
    const dialog = page.getByRole('dialog', { name: 'Aufbewahrung: Lärm und Ruhestörung' });
    const days = dialog.getByLabel('Aufbewahrungsfrist in Tagen');
    expect(await focusedLabel(page)).toContain('Aufbewahrungsfrist in Tagen');
    await days.fill('10');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.getByText(/Bitte eine ganze Zahl von 30 bis 3650 Tagen/).waitFor();
    await expectAccessible(page, 'retention dialog with an error');
    expect((await adminApi.categories()).find((category) => category.id === laerm.id)?.retentionDays).toBe(365);
    await days.fill('30');
    await days.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('Die Aufbewahrungsfrist für „Lärm und Ruhestörung“ wurde gespeichert.').waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe('30 Tage nach Abschluss');

    // The preview shows what the server's dry run counts, and includes the case closed 40 days ago.
    const preview = await adminApi.retentionPreview();
    const due = preview.categories.find((category) => category.categoryId === laerm.id)?.cases ?? 0;
    expect(due).toBeGreaterThan(0);
    expect(preview.cases).toBe(due);
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe(number.format(due));
    await page
      .getByText(`Geschlossene Vorgänge: ${number.format(preview.cases)} (Lärm und Ruhestörung ${number.format(due)})`)
      .waitFor();
    await page.getByText(`Personen, die dabei Namen und Kontaktdaten verlieren: ${number.format(preview.citizens)}`).waitFor();

    // The confirmation names the counts; Escape cancels and gives the focus back to the button.
    const run = page.getByRole('button', { name: 'Jetzt ausführen' });
    await run.click();
    const confirm = page.getByRole('dialog', { name: 'Aufbewahrung jetzt ausführen?' });
    await confirm.getByText(`Geschlossene Vorgänge: ${number.format(preview.cases)}`).waitFor();
    await confirm.getByText('Das lässt sich nicht rückgängig machen.').waitFor();
    await expectAccessible(page, 'retention confirmation');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => focusedText(page)).toBe('Jetzt ausführen');
    expect((await adminApi.retentionPreview()).cases).toBe(preview.cases);

    // By keyboard: Enter on the focused button opens it again.
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Jetzt anonymisieren' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .getByText(`Anonymisierte Vorgänge: ${number.format(preview.cases)},`)
      .waitFor();
    await page.getByText('Derzeit ist kein Vorgang fällig.').waitFor();
    expect((await adminApi.retentionPreview()).cases).toBe(0);
    await expectAccessible(page, 'privacy page after the retention run');
    await page.close();

    // The agent finds the case without its subject and the citizen without a name.
    await browser.clearCookies();
    const agent = await browser.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${created.reference}`);
    await agent.getByRole('heading', { level: 1, name: new RegExp(created.reference) }).waitFor();
    await agent.getByText('[anonymisiert]').first().waitFor();
    const text = await agent.locator('main').textContent();
    expect(text).not.toContain('Laubbläser am Feiertag');
    expect(text).not.toContain('seit sieben Uhr');
    expect(text).not.toContain('Rückblick');
    await agent.close();
  });

  it('exports a citizen as JSON and HTML, and erases them after a typed confirmation', async () => {
    const agentApi = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await agentApi.createCitizen({
      givenName: 'Konrad',
      familyName: 'Kieselstein',
      contacts: [{ kind: 'email', value: 'konrad.kieselstein@example.com' }],
    });
    const created = await agentApi.createCase({
      citizenId: citizen.id,
      subject: 'Hundesteuer abmelden',
      channel: 'phone',
      text: 'Unser Hund Bello ist im März gestorben.',
    });

    const page = await openPrivacyPageAsAdmin();
    await page.getByLabel('Suchen (Name, E-Mail oder Telefon)').fill('Kieselstein');
    const results = page.getByRole('table', { name: 'Gefundene Personen' });
    await results.getByRole('button', { name: 'Auswählen: Konrad Kieselstein' }).click();
    await page.waitForURL(new RegExp(`citizen=${citizen.id}`));
    await page.getByRole('heading', { level: 3, name: `Konrad Kieselstein (Nr. ${citizen.id})` }).waitFor();
    await expectAccessible(page, 'privacy page with a citizen selected');

    for (const format of ['json', 'html'] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Auskunft (${format.toUpperCase()})` }).click(),
      ]);
      // Named by number and day, never by name.
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^auskunft-buerger-${citizen.id}-\\d{4}-\\d\\d-\\d\\d\\.${format}$`),
      );
      const content = await readFile(await download.path(), 'utf8');
      if (format === 'json') {
        const data = JSON.parse(content) as { citizen: { familyName: string }; cases: { interactions: { text: string }[] }[] };
        expect(data.citizen.familyName).toBe('Kieselstein');
        expect(data.cases.flatMap((c) => c.interactions.map((i) => i.text))).toContain('Unser Hund Bello ist im März gestorben.');
      } else {
        expect(content).toMatch(/^<!doctype html>/i);
        expect(content).toContain('Kieselstein');
        expect(content).toContain('Unser Hund Bello ist im März gestorben.');
      }
      await page
        .getByRole('status')
        .getByText(`Die Auskunft über Konrad Kieselstein (Nr. ${citizen.id}) wurde heruntergeladen.`)
        .waitFor();
    }

    // A link with only the number preselects the citizen.
    await page.goto(`${server.url}/admin/privacy?citizen=${citizen.id}`);
    await page.getByRole('heading', { level: 3, name: `Person Nr. ${citizen.id}` }).waitFor();

    // The erase dialog: focus in the confirmation field; a wrong number changes nothing; Escape cancels.
    const erase = page.getByRole('button', { name: 'Löschen (Art. 17)' });
    await erase.click();
    const dialog = page.getByRole('dialog', { name: `Person Nr. ${citizen.id} endgültig löschen?` });
    await dialog.getByText('Das lässt sich nicht rückgängig machen.').waitFor();
    await expect.poll(() => focusedLabel(page)).toContain(`Zur Bestätigung die Nummer ${citizen.id} eingeben`);
    await expectAccessible(page, 'erase dialog');
    await page.keyboard.type(String(citizen.id + 1));
    await page.keyboard.press('Enter');
    await dialog.getByText(`Die Eingabe stimmt nicht mit der Nummer ${citizen.id} überein.`).waitFor();
    await expectAccessible(page, 'erase dialog with a wrong number');
    // Tabbing round stays inside the dialog.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') != null)).toBe(true);
    expect((await agentApi.caseByReference(created.reference)).case.subject).toBe('Hundesteuer abmelden');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => focusedText(page)).toBe('Löschen (Art. 17)');
    expect((await agentApi.caseByReference(created.reference)).case.subject).toBe('Hundesteuer abmelden');

    // Keyboard only: open, type the number, Enter.
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toContain('Zur Bestätigung');
    await page.keyboard.type(String(citizen.id));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText(`Person Nr. ${citizen.id} wurde gelöscht. Anonymisierte Vorgänge: 1,`).waitFor();
    await expectAccessible(page, 'privacy page after an erasure');

    // The audit log lists the erasure by number; the name is gone from the database, so from the log's view too.
    await page.goto(`${server.url}/admin/audit?action=citizen.erased`);
    const log = page.getByRole('table', { name: 'Protokolleinträge, neueste zuerst' });
    const entry = log.getByRole('row', { name: new RegExp(`Person Nr\\. ${citizen.id}\\b`) });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Person gelöscht (Art. 17)');
    expect(await log.textContent()).not.toContain('Kieselstein');
    // From the log back to the request for that citizen.
    await entry.getByRole('link', { name: new RegExp(`^Person Nr\\. ${citizen.id}\\b`) }).click();
    await page.getByRole('heading', { level: 3, name: `Person Nr. ${citizen.id}` }).waitFor();
    await page.close();

    // The agent sees the citizen anonymised: no name, no contact, no subject.
    await browser.clearCookies();
    const agent = await browser.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/citizens/${citizen.id}`);
    await agent.getByRole('heading', { level: 1, name: '[anonymisiert]' }).waitFor();
    const text = await agent.locator('main').textContent();
    for (const gone of ['Kieselstein', 'konrad.kieselstein@example.com', 'Hundesteuer abmelden', 'Bello']) {
      expect(text).not.toContain(gone);
    }
    await agent.close();
  });
});

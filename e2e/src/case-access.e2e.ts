import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/** CASE_ACCESS=team: Anna Schmidt (Bürgerbüro) and a citizen who is also in touch with the Ordnungsamt. */
let server: RunningServer;
let browser: BrowserContext;
let page: Page;
const MEHMET = 'm.yilmaz@musterstadt.example';
const STUB = 'Anliegen eines anderen Teams (Ordnungsamt) – Inhalt nur für dieses Team';

beforeAll(async () => {
  server = await startServer({ CASE_ACCESS: 'team' });
  browser = await launchBrowser();
  page = await browser.newPage();
  await login(page, server.url, DEMO.agent);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('case access by team', () => {
  it("shows another team's case in the citizen's history as a stub, refuses to open it, and says where a capture went", async () => {
    const mehmet = await ApiClient.login(server.url, MEHMET);
    const teams = await mehmet.teams();
    const teamId = (name: string) => teams.find((team) => team.name === name)!.id;
    const citizen = await mehmet.createCitizen({
      givenName: 'Hilde',
      familyName: 'Hausmann',
      contacts: [{ kind: 'phone', value: '030 5550199' }],
    });
    const other = await mehmet.createCase({
      citizenId: citizen.id,
      subject: 'Baustellenlärm nachts',
      channel: 'phone',
      text: 'Der Bohrhammer läuft ab fünf Uhr.',
      teamId: teamId('Ordnungsamt'),
    });
    const anna = await ApiClient.login(server.url, DEMO.agent);
    const own = await anna.createCase({
      citizenId: citizen.id,
      subject: 'Ummeldung Wohnsitz',
      channel: 'counter',
      text: 'Neue Adresse ab dem Ersten.',
      teamId: teamId('Bürgerbüro'),
    });

    // Her own case: the other team's case appears in the citizen panel by reference, status and team only.
    await page.goto(`${server.url}/cases/${own.reference}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(own.reference) }).waitFor();
    const panel = page.getByRole('complementary', { name: 'Person' });
    await panel.getByText(other.reference).first().waitFor();
    expect(await panel.getByText(STUB).count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByText('Baustellenlärm').count()).toBe(0);
    expect(await page.getByText('Bohrhammer').count()).toBe(0);
    expect(await panel.getByRole('link', { name: other.reference }).count()).toBe(0);
    await expectAccessible(page, "case page with another team's case in the history");

    // The citizen's page: the whole history, the other team's entry as a stub.
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    // The stub names channel, direction, time and team for screen readers too.
    await page.getByRole('listitem', { name: /^Telefon, Eingang, .*Anliegen eines anderen Teams \(Ordnungsamt\)/ }).waitFor();
    expect(await page.getByText('Bohrhammer').count()).toBe(0);
    await expectAccessible(page, "citizen page with another team's case");

    // Opening the other case directly answers like an unknown one.
    await page.goto(`${server.url}/cases/${other.reference}`);
    await page.getByText('Der Eintrag wurde nicht gefunden.', { exact: false }).waitFor();
    expect(await page.getByText('Baustellenlärm').count()).toBe(0);

    // A call about parking goes to the Ordnungsamt (the topic's team): recorded, and the notice says so.
    await page.goto(`${server.url}/capture`);
    await page.getByRole('heading', { level: 1, name: 'Anruf oder Schalterbesuch erfassen' }).waitFor();
    await page.getByLabel('Telefonnummer des Anrufers').fill('030 5550199');
    await page.getByLabel('Telefonnummer des Anrufers').press('Enter');
    await expect.poll(() => page.getByRole('radio', { name: /Hilde Hausmann/ }).isChecked()).toBe(true);
    // Only her own open case is offered to add the call to; the other team's is not.
    await page.getByRole('radio', { name: new RegExp(own.reference) }).waitFor();
    expect(await page.getByRole('radio', { name: new RegExp(other.reference) }).count()).toBe(0);
    await page.getByRole('radio', { name: 'Neuer Vorgang' }).check();
    await page.getByLabel('Betreff').fill('Einfahrt zugeparkt');
    await page.getByLabel('Thema').selectOption({ label: 'Parken und Verkehr' });
    await page.getByRole('textbox', { name: 'Text', exact: true }).fill('Seit gestern steht ein Transporter vor der Einfahrt.');
    await page.getByRole('button', { name: 'Erfassen' }).click();
    const notice = page.getByRole('status').getByText(/Der Vorgang liegt beim Team Ordnungsamt; Sie können ihn nicht öffnen\./);
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^Erfasst in A-\d{4}-\d{6}\./);
    expect(await page.getByRole('status').getByRole('link', { name: 'Öffnen' }).count()).toBe(0);
    await expectAccessible(page, 'quick capture routed to another team');
  });
});

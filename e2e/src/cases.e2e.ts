import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
let api: ApiClient;
let run = 0;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await ApiClient.login(server.url, DEMO.agent);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  run++;
  await browser.clearCookies();
  page = await browser.newPage();
});
afterEach(async () => {
  await page.close();
});

/** A citizen with an earlier, finished case and a current open case of the demo agent (the most recent in the inbox). */
async function seedCitizenWithHistory() {
  const citizen = await api.createCitizen({
    givenName: 'Helene',
    familyName: `Hartmann${run}`,
    contacts: [{ kind: 'email', value: `helene.hartmann.${run}@example.com` }],
  });
  const earlier = await api.createCase({
    citizenId: citizen.id,
    subject: 'Sperrmüll abholen',
    channel: 'phone',
    text: 'Wann kommt die Abholung?',
  });
  const detail = await api.caseByReference(earlier.reference);
  await api.updateCase({ id: earlier.id, version: detail.case.version, status: 'resolved' });
  const current = await api.createCase({
    citizenId: citizen.id,
    subject: 'Straßenlaterne defekt',
    channel: 'email',
    text: 'Die Laterne vor Nummer 7 ist aus.',
  });
  return { citizen, earlier, current };
}

const caseStatus = async (reference: string) => (await api.caseByReference(reference)).case;

describe('one history in the agent UI', () => {
  it('opens a case from the inbox by keyboard, shows earlier cases, takes an internal note and a status change', async () => {
    const { earlier, current } = await seedCitizenWithHistory();
    await login(page, server.url, DEMO.agent);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Posteingang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Posteingang' }).waitFor();
    await page.getByRole('link', { name: current.reference }).waitFor();
    await expectAccessible(page, 'inbox');

    // Keyboard only: j moves to the first row (the newest case is ours), Enter opens it.
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(current.reference);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `${current.reference} · Straßenlaterne defekt` }).waitFor();

    // The earlier case is in the citizen panel.
    const panel = page.getByRole('complementary', { name: 'Person' });
    // Among the citizen's cases (and again among the recent contacts).
    await panel.getByRole('link', { name: earlier.reference }).first().waitFor();
    expect(await panel.textContent()).toContain('Sperrmüll abholen');
    await expectAccessible(page, 'case view');

    // Internal note, sent with Ctrl+Enter, shown as internal.
    await page.locator('label', { hasText: 'Interne Notiz' }).click();
    // The reply box's text (the demo team's canned responses add a picker labelled "Textbaustein …").
    const text = page.getByRole('textbox', { name: 'Text', exact: true });
    await text.fill('Bauhof informiert, Reparatur Donnerstag.');
    await text.press('Control+Enter');
    const note = page.getByRole('listitem').filter({ hasText: 'Bauhof informiert, Reparatur Donnerstag.' }).first();
    await note.waitFor();
    expect(await note.textContent()).toContain('Intern');

    await page.getByLabel('Status').selectOption('waiting_citizen');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.getByRole('status').getByText('Gespeichert.').waitFor();
    expect((await caseStatus(current.reference)).status).toBe('waiting_citizen');

    await panel.getByRole('link', { name: /Helene Hartmann/ }).click();
    await page.getByRole('heading', { level: 1, name: /Helene Hartmann/ }).waitFor();
    await page.getByText('Bauhof informiert, Reparatur Donnerstag.').first().waitFor();
    await expectAccessible(page, 'citizen profile');

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Personen' }).click();
    await page.getByLabel(/^Suchen/).fill(`hartmann${run}`);
    await page.getByRole('link', { name: /Helene Hartmann/ }).waitFor();
    await expectAccessible(page, 'citizen lookup');
  });

  it('tells the second of two agents editing at once about the conflict, keeps their choice, and lets them save after reloading', async () => {
    const { current } = await seedCitizenWithHistory();
    await login(page, server.url, DEMO.agent);
    const second = await browser.newPage();
    for (const p of [page, second]) {
      await p.goto(`${server.url}/cases/${current.reference}`);
      await p.getByRole('heading', { level: 1, name: new RegExp(current.reference) }).waitFor();
    }

    // Both start editing; the first saves. The second's page refreshes live, but their edit began on the older
    // version, so their save is refused rather than silently applied on top.
    await second.getByLabel('Priorität').selectOption('high');
    await page.getByLabel('Status').selectOption('waiting_internal');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.getByRole('status').getByText('Gespeichert.').waitFor();

    await second.getByRole('button', { name: 'Änderungen speichern' }).click();
    await second
      .getByRole('alert')
      .getByText(/Jemand anderes hat diesen Vorgang inzwischen geändert/)
      .waitFor();
    expect(await second.getByLabel('Priorität').inputValue()).toBe('high');
    await expectAccessible(second, 'case view with a conflict');

    await second.getByRole('button', { name: 'Neu laden' }).click();
    await expect.poll(() => second.getByLabel('Status').inputValue()).toBe('waiting_internal');
    expect(await second.getByLabel('Priorität').inputValue()).toBe('high');
    await second.getByRole('button', { name: 'Änderungen speichern' }).click();
    await second.getByRole('status').getByText('Gespeichert.').waitFor();
    expect(await caseStatus(current.reference)).toMatchObject({ status: 'waiting_internal', priority: 'high' });
    await second.close();
  });

  it('keeps a reply draft across a reload', async () => {
    const { current } = await seedCitizenWithHistory();
    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/cases/${current.reference}`);
    await page.getByRole('textbox', { name: 'Text', exact: true }).fill('Sehr geehrte Frau Hartmann, wir haben');
    await page.reload();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Text', exact: true }).inputValue())
      .toBe('Sehr geehrte Frau Hartmann, wir haben');
    await page.getByText('Ihr gespeicherter Entwurf wurde wiederhergestellt.').waitFor();
  });

  it('links a phone number once, shows the duplicate with its reason, and merges it into this profile', async () => {
    const { citizen } = await seedCitizenWithHistory();
    const caller = await api.createCitizen({ contacts: [{ kind: 'phone', value: `030 55${run}0123` }] });
    const call = await api.createCase({
      citizenId: caller.id,
      subject: 'Anruf wegen Laterne',
      channel: 'phone',
      text: 'Ruft wegen der Laterne an.',
    });

    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: /Helene Hartmann/ }).waitFor();
    await page.getByLabel('Art', { exact: true }).selectOption('phone');
    await page.getByLabel('Wert', { exact: true }).fill(`+49 30 55${run}0123`);
    await page.getByRole('button', { name: 'Kontakt hinzufügen' }).click();
    await page.getByText(/gehört auch zu einem anderen Personendatensatz/).waitFor();

    const duplicates = page.getByRole('region', { name: 'Mögliche Dubletten' });
    await duplicates.getByText('gleiche Telefonnummer').waitFor();
    await expectAccessible(page, 'citizen profile with a duplicate');
    await duplicates.getByRole('button', { name: 'Hierher zusammenführen' }).click();
    await page
      .getByRole('dialog', { name: 'Datensätze zusammenführen' })
      .getByRole('button', { name: 'Hierher zusammenführen' })
      .click();
    await page.getByRole('region', { name: 'Vorgänge' }).getByRole('link', { name: call.reference }).waitFor();
    await duplicates.getByText('Keine Hinweise auf Dubletten.').waitFor();
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * Tags and bulk work in the inbox (issue 16): an admin keeps a curated tag, an agent tags a case on its page, filters
 * the inbox by the tag, ticks cases by keyboard and sets their status and assignee in one go, and the view tabs' counts
 * follow. axe on every state.
 */
let server: RunningServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The number in a view tab's label, "Meine Vorgänge (12)". */
async function countOf(view: string): Promise<number> {
  const label = await page.getByText(new RegExp(`^${view} \\((\\d+|999\\+)\\)$`)).textContent();
  return Number(/\((\d+)/.exec(label ?? '')?.[1]);
}

describe('tags and bulk actions', () => {
  it('tags a case, filters by the tag, and changes several cases at once', async () => {
    // The admin adds a curated tag with a colour.
    await login(page, server.url, DEMO.admin);
    await page.goto(`${server.url}/admin/tags`);
    await page.getByRole('heading', { level: 1, name: 'Schlagwörter' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Eilt');
    await page.getByLabel('Farbe', { exact: true }).selectOption({ label: 'Rot' });
    await page.getByRole('button', { name: 'Schlagwort anlegen' }).click();
    await page.getByRole('rowheader', { name: 'Eilt' }).waitFor();
    await expectAccessible(page, 'admin tags page');
    await page.context().clearCookies();

    // Three new cases of the agent's, newest on top of "Meine Fälle".
    const api = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await api.createCitizen({ givenName: 'Theo', familyName: 'Tagmann' });
    const references: string[] = [];
    for (const subject of ['Sperrmüll Termin', 'Baum auf Gehweg', 'Laterne defekt Ecke Lindenstraße']) {
      references.push((await api.createCase({ citizenId: citizen.id, subject, channel: 'phone', text: 'Anruf.' })).reference);
    }

    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/cases/${references[0]}`);
    const tagsField = page.getByRole('combobox', { name: 'Schlagwörter' });
    await tagsField.fill('Eilt');
    await page.keyboard.press('Enter');
    await tagsField.fill('Rückruf nötig');
    await page.keyboard.press('Enter');
    // Saved at once: the free tag shows with its dashed outline and its meaning as a title.
    await page.locator('[data-free]', { hasText: 'Rückruf nötig' }).first().waitFor();
    // With the field's list of tags open, as it is while the agent types there.
    await tagsField.click();
    await page.getByRole('listbox').waitFor();
    await expectAccessible(page, 'case page with tags');

    // The inbox shows the tags on the row and the count per view; the filter leaves only the tagged case.
    await page.goto(`${server.url}/cases?view=mine`);
    await page.getByRole('table', { name: 'Vorgänge' }).waitFor();
    const mine = await countOf('Meine Vorgänge');
    expect(mine).toBeGreaterThanOrEqual(3);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: references[0] }) });
    await row.getByText('Rückruf nötig').waitFor();
    await page.getByLabel('Schlagwort', { exact: true }).selectOption({ label: 'Eilt' });
    await expect.poll(() => page.getByRole('table', { name: 'Vorgänge' }).getByRole('link').count()).toBe(1);
    await expectAccessible(page, 'inbox filtered by a tag');
    expect((await api.search('tag:eilt')).cases.map((c) => c.reference)).toEqual([references[0]]);

    // By keyboard: j to the rows, x ticks them; the count is announced and the bar loads.
    await page.goto(`${server.url}/cases?view=mine`);
    // The table shows before its rows: j waits for them, as a person's eyes would.
    await page.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first().waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    // The first tick loads the bar above the table; the next keys go on once it is there, as a person's would.
    await page.getByRole('region', { name: 'Sammelaktion' }).waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    // Said (a visually hidden status) and shown in the bar.
    await page.getByRole('status').filter({ hasText: '2 ausgewählt' }).waitFor({ state: 'attached' });
    await page.getByText('2 Vorgänge ausgewählt').waitFor();
    await page.getByRole('region', { name: 'Sammelaktion' }).waitFor();
    const ticked = await page.getByRole('checkbox', { checked: true }).count();
    expect(ticked).toBe(2);
    await expectAccessible(page, 'inbox with two cases ticked');

    // Bulk status: both resolved, out of "Meine Fälle", and the count follows.
    await page.getByLabel('Aktion', { exact: true }).selectOption({ label: 'Status setzen' });
    await page.getByLabel('Neuer Status', { exact: true }).selectOption({ label: 'Erledigt' });
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.getByText('Geänderte Vorgänge: 2').waitFor();
    await expect.poll(() => countOf('Meine Vorgänge')).toBe(mine - 2);
    await expectAccessible(page, 'inbox after a bulk status change');

    // Tick all loaded rows from the header box, untick all but one, and hand that one to nobody.
    const selectAll = page.getByRole('checkbox', { name: 'Alle geladenen Vorgänge auswählen' });
    await selectAll.check();
    await selectAll.uncheck();
    const first = page.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first();
    const firstReference = (await first.textContent()) ?? '';
    await page.getByRole('checkbox', { name: `${firstReference} auswählen` }).check();
    await page.getByLabel('Aktion', { exact: true }).selectOption({ label: 'Zuweisen' });
    await page.getByLabel('Zuständig', { exact: true }).selectOption({ label: 'Niemandem' });
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.getByText('Geänderte Vorgänge: 1').waitFor();
    await expect.poll(() => countOf('Meine Vorgänge')).toBe(mine - 3);
    expect((await api.caseByReference(firstReference)).case.assignee).toBeNull();
    await expectAccessible(page, 'inbox after a bulk assignment');
  });
});

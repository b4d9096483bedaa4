import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/** Issue 16, "what agents expect and do not find": shortcuts with their help, and a case page that reads first. */
let server: RunningServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer({});
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  await browser.clearCookies();
  for (const open of browser.pages()) await open.close();
  page = await browser.newPage();
  await login(page, server.url, DEMO.agent);
});

const heading = (reference: string) => page.getByRole('heading', { level: 1, name: new RegExp(`^${reference} · `) });
const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

/** `?` shows the page's shortcuts in a dialog (checked with axe), Escape closes it again. */
async function helpShows(label: string, expected: string[], absent: string[]) {
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Tastenkürzel' });
  await help.waitFor();
  for (const text of expected) await help.getByText(text, { exact: true }).waitFor();
  for (const text of absent) expect(await help.getByText(text, { exact: true }).count(), text).toBe(0);
  expect(await help.locator('kbd').count()).toBeGreaterThan(expected.length - 1);
  await expectAccessible(page, `shortcut help on ${label}`);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
}

/** Two cases of one citizen in the Bürgerbüro, held by the team lead: neither is the agent's yet. */
async function teamCasesOfOneCitizen() {
  const lead = await ApiClient.login(server.url, DEMO.team_lead);
  const team = (await lead.teams()).find((t) => t.name === 'Bürgerbüro')!;
  const citizen = await lead.createCitizen({ givenName: 'Theo', familyName: 'Tastmann' });
  const earlier = await lead.createCase({
    citizenId: citizen.id,
    subject: 'Hundesteuer abmelden',
    channel: 'counter',
    text: 'Hund ist verstorben, Abmeldung gewünscht.',
    teamId: team.id,
  });
  const current = await lead.createCase({
    citizenId: citizen.id,
    subject: 'Wohngeld Rückfrage',
    channel: 'phone',
    text: 'Rückruf zum Wohngeldbescheid erbeten.',
    teamId: team.id,
  });
  return { lead, earlier, current };
}

describe('shortcuts', () => {
  it('in the inbox: ? lists the list’s keys; j moves the row focus, Enter opens; j/k on the case go along the list', async () => {
    await page.goto(`${server.url}/cases`);
    const table = page.getByRole('table', { name: 'Vorgänge' });
    await table.getByRole('link').nth(2).waitFor();
    await expectAccessible(page, 'inbox');
    await helpShows(
      'the inbox',
      ['Zum nächsten Vorgang der Liste', 'Markierten Vorgang öffnen', 'In die Suche springen'],
      ['Vorgang mir zuweisen'],
    );

    const [first, second, third] = (await table.getByRole('link').allTextContents()).slice(0, 3);
    await page.keyboard.press('j');
    expect(await focusedText()).toBe(first);
    await page.keyboard.press('j');
    expect(await focusedText()).toBe(second);
    await page.keyboard.press('Enter');
    await heading(second!).waitFor();

    // On the case, j and k go on through the list it was opened from.
    await page.keyboard.press('j');
    await heading(third!).waitFor();
    await page.keyboard.press('k');
    await heading(second!).waitFor();
  });

  it('on a case: ? lists the case’s keys, m assigns it to me (said in the status region), s goes to the status', async () => {
    const { current } = await teamCasesOfOneCitizen();
    await page.goto(`${server.url}/cases/${current.reference}`);
    await heading(current.reference).waitFor();
    await helpShows(
      'a case',
      ['Vorgang mir zuweisen', 'Zum Status springen', 'In das Antwortfeld springen', 'Nächsten Vorgang der Liste öffnen'],
      ['Markierten Vorgang öffnen'],
    );

    await page.keyboard.press('m');
    await page.getByRole('status').getByText('Der Vorgang ist jetzt Ihnen zugewiesen.').waitFor();
    const agent = await ApiClient.login(server.url, DEMO.agent);
    expect((await agent.caseByReference(current.reference)).case.assignee?.displayName).toBe('Anna Schmidt');
    expect(await page.getByLabel('Zuständig').locator('option:checked').textContent()).toBe('Anna Schmidt');
    // A second time: nothing to do, and it says so.
    await page.keyboard.press('m');
    await page.getByRole('status').getByText('Dieser Vorgang ist Ihnen schon zugewiesen.').waitFor();

    await page.keyboard.press('s');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.labels?.[0]?.textContent)).toBe(
      'Status',
    );
  });
});

describe('the case page', () => {
  it('shows the timeline before the reply box (side by side when wide), other cases’ contacts only, link and merge in a menu', async () => {
    const { earlier, current } = await teamCasesOfOneCitizen();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/cases/${current.reference}`);
    await heading(current.reference).waitFor();
    const timeline = page.getByRole('region', { name: 'Verlauf' });
    const reply = page.getByRole('heading', { level: 2, name: 'Antworten' });
    await timeline.getByText('Rückruf zum Wohngeldbescheid erbeten.').waitFor();

    // Wide: side by side, the timeline on the left.
    const [wideTimeline, wideReply] = [(await timeline.boundingBox())!, (await reply.boundingBox())!];
    expect(wideTimeline.x + wideTimeline.width).toBeLessThanOrEqual(wideReply.x);
    expect(Math.abs(wideReply.y - wideTimeline.y)).toBeLessThan(50);
    // The order is a labelled choice.
    expect(await page.getByRole('radio', { name: 'Neueste zuerst' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Älteste zuerst' }).waitFor({ state: 'attached' });

    // The citizen's recent contacts leave out this case's own entries (they are in the timeline beside them).
    const recent = page.getByRole('complementary', { name: 'Person' }).getByRole('region', { name: 'Letzte Kontakte' });
    await recent.getByRole('link', { name: earlier.reference }).waitFor();
    expect(await recent.getByText(current.reference).count()).toBe(0);
    expect(await recent.getByText('Rückruf zum Wohngeldbescheid erbeten.').count()).toBe(0);
    await expectAccessible(page, 'case page at 1440 px');

    // Link and merge: in the "Weitere Aktionen" menu, each opening its form in a dialog.
    await page.getByRole('button', { name: 'Weitere Aktionen' }).click();
    await page.getByRole('menuitem', { name: 'Vorgang verknüpfen…' }).click();
    const linkDialog = page.getByRole('dialog', { name: 'Vorgang verknüpfen' });
    // The menu closes with a short transition; axe looks at the page once it is gone.
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await linkDialog.getByLabel('Vorgangsnummer verknüpfen').fill(earlier.reference);
    await expectAccessible(page, 'link dialog');
    await linkDialog.getByRole('button', { name: 'Verknüpfen' }).click();
    await linkDialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Verknüpfte Vorgänge' }).getByRole('link', { name: earlier.reference }).waitFor();

    await page.getByRole('button', { name: 'Weitere Aktionen' }).click();
    await page.getByRole('menuitem', { name: 'Vorgang zusammenführen…' }).click();
    const mergeDialog = page.getByRole('dialog', { name: 'Vorgang zusammenführen' });
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await mergeDialog
      .getByLabel('Zielvorgang (gleiche Person)')
      .selectOption({ label: `${earlier.reference} – Hundesteuer abmelden` });
    await expectAccessible(page, 'merge dialog');
    await page.keyboard.press('Escape');
    await mergeDialog.waitFor({ state: 'detached' });

    // A phone: one column, the timeline first, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Polled: the shell's main area eases its left padding away for a moment after the resize.
    await expect
      .poll(async () => {
        const [narrowTimeline, narrowReply] = [(await timeline.boundingBox())!, (await reply.boundingBox())!];
        return narrowReply.y - (narrowTimeline.y + narrowTimeline.height);
      })
      .toBeGreaterThanOrEqual(0);
    await expectAccessible(page, 'case page at 390 px');
  });
});

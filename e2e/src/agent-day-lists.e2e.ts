import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/** Issue 16: what an agent's day lists say (due labels, subjects, the team board's order), on the demo data. */
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startServer({ WEBFORM_MIN_SECONDS: '0' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A day as the app writes it in German ("03.12.2026"), in Berlin. */
const germanDay = (epochMs: number) =>
  new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(epochMs);

/** "Fällig: 03.12.2026, 14:05" (a due label's title) as a sortable "2026-12-03 14:05". */
function dueKey(title: string): string {
  const [, day, month, year, time] = /(\d{2})\.(\d{2})\.(\d{4}), (\d{2}:\d{2})/.exec(title) ?? [];
  if (!time) throw new Error(`no due time in "${title}"`);
  return `${year}-${month}-${day} ${time}`;
}

/** A page signed in as this person (one browser: whoever signed in before is signed out). */
async function agentPage(email: string): Promise<Page> {
  await browser.clearCookies();
  const page = await browser.newPage();
  await login(page, server.url, email);
  return page;
}

describe('an agent’s lists', () => {
  it('shows a closed case as resolved on its day, never overdue, in the inbox’s "Alle" and in search results', async () => {
    const agent = await agentPage(DEMO.agent);
    await agent.goto(`${server.url}/cases?view=all&status=closed`);
    const table = agent.getByRole('table', { name: 'Vorgänge' });
    await table.getByRole('row').nth(1).waitFor();
    await expectAccessible(agent, 'inbox, all closed cases');
    expect(await table.getByText(/überfällig/i).count()).toBe(0);

    const reference = (await table.getByRole('row').nth(1).getByRole('link').first().textContent())!.trim();
    const api = await ApiClient.login(server.url, DEMO.agent);
    const { case: closed } = await api.caseByReference(reference);
    expect(closed.status).toBe('closed');
    // The demo's closed cases keep their resolution target, long past.
    expect(closed.resolutionDueAt).toBeLessThan(Date.now());
    const resolved = `Erledigt am ${germanDay(closed.resolvedAt!)}`;
    await table.getByRole('row').filter({ hasText: reference }).getByText(resolved).waitFor();

    await agent.goto(`${server.url}/search?q=${encodeURIComponent('status:geschlossen')}`);
    const results = agent.getByRole('table').first();
    await results.getByRole('row').nth(1).waitFor();
    await expectAccessible(agent, 'search results, closed cases');
    expect(await results.getByText(/überfällig/i).count()).toBe(0);
    expect(await results.getByText(/^Erledigt am \d{2}\.\d{2}\.\d{4}$/).count()).toBeGreaterThan(0);
  });

  it('names a web form case after its first line, shortened at a whole word, in the inbox and on the status page', async () => {
    const citizen = await browser.newPage();
    await citizen.goto(`${server.url}/anliegen`);
    await citizen.getByLabel(/Ihr Name/).fill('Lore Lampe');
    await citizen.getByLabel('E-Mail-Adresse').fill('lore.lampe@example.com');
    await citizen.getByLabel(/^Thema/).selectOption({ label: 'Straßen und Beleuchtung' });
    await citizen
      .getByLabel(/^Ihr Anliegen/)
      .fill(
        'Sehr geehrte Damen und Herren, vor unserem Haus ist seit Wochen die Laterne defekt. Bitte um Reparatur\n' +
          'Mit freundlichen Grüßen',
      );
    await citizen.getByLabel(/einverstanden/).check();
    await citizen.getByRole('button', { name: 'Anliegen absenden' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Vielen Dank, Ihr Anliegen ist eingegangen' }).waitFor();
    const reference = (await citizen.locator('.reference').first().textContent())!.trim();
    const subject = 'Straßen und Beleuchtung: Sehr geehrte Damen und Herren, vor unserem Haus ist seit Wochen die Laterne…';

    const statusUrl = (await citizen.locator('main a[href*="/anliegen/status/"]').first().getAttribute('href'))!;
    await citizen.goto(statusUrl);
    await citizen.getByRole('heading', { level: 1 }).waitFor();
    await citizen.getByText(subject, { exact: true }).waitFor();
    await expectAccessible(citizen, 'status page with a shortened subject');

    const agent = await agentPage(DEMO.agent);
    await agent.goto(`${server.url}/cases?view=all`);
    const row = agent.getByRole('table', { name: 'Vorgänge' }).getByRole('row').filter({ hasText: reference });
    await row.getByText(subject, { exact: true }).waitFor();
    await expectAccessible(agent, 'inbox with a web form case');
  });

  it('lists the team’s cases on the team board most urgent first: the most overdue at the top', async () => {
    const lead = await agentPage(DEMO.team_lead);
    await lead.goto(`${server.url}/team`);
    await lead.getByRole('heading', { level: 1, name: 'Mein Team' }).waitFor();
    const table = lead.getByRole('table', { name: 'Offene Vorgänge des Teams' });
    await table.getByRole('row').nth(1).waitFor();
    await expectAccessible(lead, 'team board');

    // Each row's due column (the last): its label, and the exact target in its title where it has one.
    const dues = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => {
        const cell = row.querySelector('td:last-child');
        const labelled = cell?.querySelector('[title]');
        return { text: cell?.textContent ?? '', title: labelled?.getAttribute('title') ?? null };
      }),
    );
    const overdue = dues.filter((due) => /überfällig/.test(due.text));
    expect(overdue.length).toBeGreaterThan(1);
    // Overdue ones first, then the rest; by target throughout: the most overdue at the top.
    expect(dues.slice(0, overdue.length).every((due) => /überfällig/.test(due.text))).toBe(true);
    const timed = dues.flatMap((due) => (due.title ? [dueKey(due.title)] : []));
    expect(timed).toEqual([...timed].sort());
    // Those with a target come before the paused ones and those without.
    const firstUntimed = dues.findIndex((due) => !due.title);
    if (firstUntimed >= 0) expect(dues.slice(firstUntimed).every((due) => !due.title)).toBe(true);
  });
});

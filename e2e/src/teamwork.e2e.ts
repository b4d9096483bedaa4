import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

let server: RunningServer;
// One browser per person: separate profiles, separate sessions, as on two desks.
const browsers: BrowserContext[] = [];
const JONAS = 'j.becker@musterstadt.example';

beforeAll(async () => {
  server = await startServer({});
});
afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await server?.stop();
});

async function deskOf(email: string): Promise<Page> {
  const browser = await launchBrowser();
  browsers.push(browser);
  const page = await browser.newPage();
  await login(page, server.url, email);
  return page;
}

/** A fresh case of the Bürgerbüro, held by the team lead, so that it is not yet the agent's. */
async function newTeamCase(subject: string): Promise<string> {
  const lead = await ApiClient.login(server.url, DEMO.team_lead);
  const team = (await lead.teams()).find((t) => t.name === 'Bürgerbüro')!;
  const citizen = await lead.createCitizen({ givenName: 'Olga', familyName: 'Ostermann' });
  const created = await lead.createCase({
    citizenId: citizen.id,
    subject,
    channel: 'phone',
    text: 'Rückruf erbeten.',
    teamId: team.id,
  });
  return created.reference;
}

describe('working together, live', () => {
  it('a lead reassigns a case on the team board; the agent’s inbox shows it without reloading', async () => {
    const reference = await newTeamCase('Ummeldung nach Umzug');
    const agent = await deskOf(DEMO.agent);
    await agent.goto(`${server.url}/cases?view=mine`);
    await agent.getByRole('table', { name: 'Fälle' }).waitFor();
    expect(await agent.getByRole('link', { name: reference }).count()).toBe(0);

    const lead = await deskOf(DEMO.team_lead);
    await lead.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Mein Team' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Mein Team' }).waitFor();
    await expectAccessible(lead, 'team board');
    await lead.getByRole('checkbox', { name: `${reference} auswählen` }).check();
    await lead.getByLabel('Zuweisen an').selectOption({ label: 'Anna Schmidt' });
    await lead.getByLabel('Grund (erscheint im Verlauf)').fill('Anna kennt den Vorgang');
    await expectAccessible(lead, 'team board with a selection');
    await lead.getByRole('button', { name: 'Neu zuweisen' }).click();
    await lead.getByText('1 Fälle neu zugewiesen.').waitFor();

    // Live: no reload on the agent's side; the acceptance allows two seconds.
    await agent.getByRole('link', { name: reference }).waitFor({ timeout: 2_000 });
    await agent.getByRole('link', { name: reference }).click();
    await agent.getByText('Neu zugewiesen an Anna Schmidt').first().waitFor();
    await agent.getByText('Anna kennt den Vorgang').first().waitFor();
    // The assignment is also a notification for Anna (besides her overdue cases, which the escalation told at start).
    await agent.getByRole('button', { name: /^Benachrichtigungen \(\d+ ungelesen\)$/ }).click();
    await agent.getByRole('menuitem', { name: new RegExp(`hat Ihnen ${reference} zugewiesen`) }).waitFor();
  });

  it('two agents on one case see each other, and a draft warns when the other one answered meanwhile', async () => {
    const reference = await newTeamCase('Parkausweis verloren');
    const anna = await deskOf(DEMO.agent);
    const jonas = await deskOf(JONAS);
    await anna.goto(`${server.url}/cases/${reference}`);
    await jonas.goto(`${server.url}/cases/${reference}`);
    await anna.getByText('Jonas Becker sieht sich diesen Fall gerade an').waitFor();
    await jonas.getByText('Anna Schmidt sieht sich diesen Fall gerade an').waitFor();
    await expectAccessible(anna, 'case with presence');

    // Anna starts a reply; Jonas sees her writing.
    await anna.getByLabel('Text', { exact: true }).fill('Guten Tag, Ihr neuer Parkausweis');
    await jonas.getByText('Anna Schmidt schreibt gerade eine Antwort').waitFor();

    // Jonas adds a note meanwhile: Anna's draft warns before she sends.
    await jonas.getByRole('radio', { name: 'Interne Notiz' }).check({ force: true });
    await jonas.getByLabel('Text', { exact: true }).fill('Ausweis ist schon beantragt.');
    await jonas.getByRole('button', { name: 'Hinzufügen' }).click();
    await anna.getByRole('alert').getByText('Inzwischen gibt es Neues in diesem Fall').waitFor();
    await expectAccessible(anna, 'draft with a warning');

    // Jonas moves on to his inbox: Anna no longer sees him.
    await jonas.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Posteingang' }).click();
    await expect.poll(() => anna.getByText('Jonas Becker sieht sich diesen Fall gerade an').count()).toBe(0);
  });
});

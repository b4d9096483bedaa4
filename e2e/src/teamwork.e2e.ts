import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { deskOf, newTeamCase } from './support/desks.js';
import { DEMO } from './support/demo.js';
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

describe('working together, live', () => {
  it('a lead reassigns a case on the team board; the agent’s inbox shows it without reloading', async () => {
    const reference = await newTeamCase(server.url, 'Ummeldung nach Umzug');
    const agent = await deskOf(server.url, browsers, DEMO.agent);
    await agent.goto(`${server.url}/cases?view=mine`);
    await agent.getByRole('table', { name: 'Vorgänge' }).waitFor();
    expect(await agent.getByRole('link', { name: reference }).count()).toBe(0);

    const lead = await deskOf(server.url, browsers, DEMO.team_lead);
    await lead.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Mein Team' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Mein Team' }).waitFor();
    await expectAccessible(lead, 'team board');
    await lead.getByRole('checkbox', { name: `${reference} auswählen` }).check();
    await lead.getByLabel('Zuweisen an').selectOption({ label: 'Anna Schmidt' });
    await lead.getByLabel('Grund (erscheint im Verlauf)').fill('Anna kennt den Vorgang');
    await expectAccessible(lead, 'team board with a selection');
    await lead.getByRole('button', { name: 'Neu zuweisen' }).click();
    await lead.getByText('1 Vorgang neu zugewiesen.').waitFor();

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
    const reference = await newTeamCase(server.url, 'Parkausweis verloren');
    const anna = await deskOf(server.url, browsers, DEMO.agent);
    const jonas = await deskOf(server.url, browsers, JONAS);
    await anna.goto(`${server.url}/cases/${reference}`);
    await jonas.goto(`${server.url}/cases/${reference}`);
    await anna.getByText('Jonas Becker sieht sich diesen Vorgang gerade an').waitFor();
    await jonas.getByText('Anna Schmidt sieht sich diesen Vorgang gerade an').waitFor();
    await expectAccessible(anna, 'case with presence');

    // Anna starts a reply; Jonas sees her writing.
    await anna.getByLabel('Text', { exact: true }).fill('Guten Tag, Ihr neuer Parkausweis');
    await jonas.getByText('Anna Schmidt schreibt gerade eine Antwort').waitFor();

    // Jonas adds a note meanwhile: Anna's draft warns before she sends.
    await jonas.getByRole('radio', { name: 'Interne Notiz' }).check({ force: true });
    await jonas.getByLabel('Text', { exact: true }).fill('Ausweis ist schon beantragt.');
    await jonas.getByRole('button', { name: 'Notiz speichern' }).click();
    // In the page's polite status bar (issue 24: above the reply box it moved the text she was typing in).
    await anna
      .getByTestId('live-update-bar')
      .getByText(/Inzwischen gibt es Neues in diesem Vorgang/)
      .waitFor();
    await expectAccessible(anna, 'draft with a warning');

    // Jonas moves on to his inbox: Anna no longer sees him.
    await jonas.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Posteingang' }).click();
    await expect.poll(() => anna.getByText('Jonas Becker sieht sich diesen Vorgang gerade an').count()).toBe(0);
  });
});

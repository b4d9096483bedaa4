import type { BrowserContext, Page } from 'playwright-core';
import { ApiClient } from './api.js';
import { launchBrowser } from './browser.js';
import { DEMO, login } from './demo.js';

/**
 * Colleagues at their own desks: one browser per person (separate profiles, separate sessions). The caller closes
 * the browsers it collected, in its afterAll.
 */
export async function deskOf(
  serverUrl: string,
  browsers: BrowserContext[],
  email: string,
  options: { clock?: boolean } = {},
): Promise<Page> {
  const browser = await launchBrowser();
  browsers.push(browser);
  // Fake timers whose time flows as usual until the test moves it on (for the whole browser, installed first).
  if (options.clock) await browser.clock.install();
  const page = await browser.newPage();
  await login(page, serverUrl, email);
  return page;
}

/** A fresh case of the Bürgerbüro with a citizen's first call, held by the team lead (so not yet an agent's). */
export async function newTeamCase(serverUrl: string, subject: string): Promise<string> {
  const lead = await ApiClient.login(serverUrl, DEMO.team_lead);
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

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;
let lead: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  lead = await browser.newPage();
  await login(lead, server.url, DEMO.team_lead);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('canned responses', () => {
  it('a team lead writes one with placeholders and inserts it, filled, in a reply', async () => {
    const title = 'Eingangsbestätigung';
    await lead.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Textbausteine' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Textbausteine' }).waitFor();

    await lead.getByRole('button', { name: 'Neuer Textbaustein' }).click();
    const dialog = lead.getByRole('dialog', { name: 'Textbaustein anlegen' });
    // A team lead writes for their own team (the demo lead's is the Bürgerbüro); "Alle Teams" is for admins.
    expect(await dialog.getByLabel('Team').inputValue()).not.toBe('');
    expect(await dialog.getByRole('option', { name: 'Alle Teams' }).count()).toBe(0);
    await dialog.getByLabel('Titel').fill(title);
    await dialog
      .getByLabel(/^Text\b/)
      .fill(
        'Guten Tag {{citizen.name}},\n\nwir haben Ihr Anliegen {{case.reference}} erhalten.\n\nMit freundlichen Grüßen\n{{agent.name}}',
      );
    await expectAccessible(lead, 'canned response form');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await lead.getByRole('status').getByText('Textbaustein wurde angelegt.').waitFor();
    const row = lead.getByRole('table', { name: 'Textbausteine' }).getByRole('row', { name: new RegExp(title) });
    expect(await row.textContent()).toContain('Bürgerbüro');
    await expectAccessible(lead, 'canned responses page');

    // Into a case from the inbox.
    await lead.goto(`${server.url}/cases?view=all`);
    const firstCase = lead
      .getByRole('table', { name: 'Vorgänge' })
      .getByRole('link', { name: /^A-\d{4}-\d{6}$/ })
      .first();
    const reference = (await firstCase.textContent())!;
    await firstCase.click();
    await lead.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    const citizenName = (await (await ApiClient.login(server.url, DEMO.team_lead)).caseByReference(reference)).case.citizen
      .displayName;

    // Keyboard: type into the picker to narrow it down, pick the first match with the arrow key, Enter inserts.
    const picker = lead.getByRole('combobox', { name: 'Textbaustein einfügen' });
    await picker.click();
    await picker.pressSequentially('Eingang');
    await lead.getByRole('option', { name: title }).waitFor();
    await picker.press('ArrowDown');
    await picker.press('Enter');

    const text = lead.getByRole('textbox', { name: 'Text', exact: true });
    await expect.poll(() => text.inputValue()).toContain(citizenName);
    const draft = await text.inputValue();
    expect(draft).toContain(`Guten Tag ${citizenName},`);
    expect(draft).toContain(`wir haben Ihr Anliegen ${reference} erhalten.`);
    expect(draft).toContain('Sabine Krüger');
    expect(draft).not.toContain('{{');
    // The caret is back in the text, at the end, to go on writing.
    expect(await text.evaluate((element) => element === document.activeElement)).toBe(true);
    await expectAccessible(lead, 'case view with a canned response inserted');
  });
});

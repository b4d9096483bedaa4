import type { RouterOutputs } from '@anliegen/server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../server/src/test/http-client.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, DEMO_PASSWORD, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * Issue 16: a message moved out of a case into a new one (by keyboard, both timelines say so), the start page's
 * counters as links to the inbox views that list exactly what they count, and the command palette (Ctrl+K).
 */
let server: RunningServer;
let browser: BrowserContext;
let page: Page;
let api: HttpClient;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
  api = new HttpClient(server.url);
  await api.logIn(DEMO.agent, DEMO_PASSWORD);
  await login(page, server.url, DEMO.agent);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const heading = (reference: string) => page.getByRole('heading', { level: 1, name: new RegExp(`^${reference} · `) });
const timeline = () => page.getByRole('region', { name: 'Verlauf' });

/** How many cases an inbox view lists for the agent, every page of it. */
async function listed(view: 'mine' | 'team_unassigned' | 'open'): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: RouterOutputs['cases']['list'] = await api.call('query', 'cases.list', { view, limit: 200, cursor });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

describe('moving a message into a new case', () => {
  it('works by keyboard from the message’s menu, and both timelines say what happened', async () => {
    const citizen = await api.call<{ id: number }>('mutation', 'citizens.create', { givenName: 'Selma', familyName: 'Spalt' });
    const created = await api.call<{ id: number; reference: string }>('mutation', 'cases.create', {
      citizenId: citizen.id,
      subject: 'Wohngeld: Antrag',
      channel: 'phone',
      text: 'Frau Spalt fragt nach ihrem Wohngeldantrag.',
    });
    await api.call('mutation', 'cases.addInteraction', {
      caseId: created.id,
      kind: 'phone',
      direction: 'inbound',
      text: 'Schlagloch vor dem Haus in der Lindenstraße\nEs ist tief und gefährlich.',
    });

    await page.goto(`${server.url}/cases/${created.reference}`);
    await heading(created.reference).waitFor();
    // The newest message first: its menu button is the first one; Tab reaches it, Enter opens the menu.
    const menuButton = page.getByRole('button', { name: /^Aktionen zur Nachricht/ }).first();
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const item = page.getByRole('menuitem', { name: 'In neuen Vorgang verschieben…' });
    await item.waitFor();
    await expectAccessible(page, 'message menu');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => item.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Nachricht in neuen Vorgang verschieben' });
    await dialog.waitFor();
    const subject = dialog.getByLabel(/^Betreff des neuen Vorgangs/);
    // Proposed from what the message says first.
    expect(await subject.inputValue()).toBe('Schlagloch vor dem Haus in der Lindenstraße');
    await expectAccessible(page, 'split dialog');
    // The subject field has the focus: Enter moves the message.
    await expect.poll(() => subject.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    const newCase = page.getByRole('heading', { level: 1, name: / · Schlagloch vor dem Haus in der Lindenstraße$/ });
    await newCase.waitFor();
    const newReference = ((await newCase.textContent()) ?? '').split(' · ')[0]!;
    expect(newReference).not.toBe(created.reference);
    await timeline().getByText('Es ist tief und gefährlich.').waitFor();
    await timeline().getByText(`Nachricht hierher verschoben aus dem Vorgang ${created.reference}`).waitFor();
    await expectAccessible(page, 'the new case');

    // Back to the old case by the link in its note: the message is gone, the note says where it went.
    const back = timeline().getByRole('link', { name: created.reference });
    await back.focus();
    await page.keyboard.press('Enter');
    await heading(created.reference).waitFor();
    await timeline().getByText(`Nachricht verschoben in den Vorgang ${newReference}`).waitFor();
    expect(await timeline().getByText('Es ist tief und gefährlich.').count()).toBe(0);
    await timeline().getByText('Frau Spalt fragt nach ihrem Wohngeldantrag.').waitFor();
    await expectAccessible(page, 'the old case after the split');

    // The citizen's only remaining message stays: the server refuses, and the dialog says why.
    await page
      .getByRole('button', { name: /^Aktionen zur Nachricht/ })
      .last()
      .click();
    await page.getByRole('menuitem', { name: 'In neuen Vorgang verschieben…' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Verschieben' }).click();
    await dialog.getByText('Die letzte Nachricht der Person bleibt im Vorgang.').waitFor();
    await expectAccessible(page, 'split refused');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('the start page’s counters', () => {
  it('each open the inbox view that lists exactly the cases counted', async () => {
    const counters = [
      { name: 'Meine offenen Vorgänge', view: 'mine' },
      { name: 'Nicht zugewiesen in meinen Teams', view: 'team_unassigned' },
      { name: 'Offene Vorgänge insgesamt', view: 'open' },
    ] as const;
    for (const counter of counters) {
      await page.goto(server.url);
      const link = page.getByRole('link', { name: new RegExp(`^${counter.name}`) });
      await link.waitFor();
      if (counter.view === 'mine') await expectAccessible(page, 'overview with counter links');
      const shown = Number(((await link.textContent()) ?? '').replace(counter.name, '').replace(/\D/g, ''));
      expect(shown, counter.name).toBe(await listed(counter.view));
      await link.click();
      await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.get('view') === counter.view);
      const table = page.getByRole('table', { name: 'Vorgänge' });
      await table.waitFor();
      // Every case of the view is loaded once fewer than a page: the table's row count says how many it lists.
      if (shown < 200) await expect.poll(async () => Number(await table.getAttribute('aria-rowcount')) - 1).toBe(shown);
    }
    await expectAccessible(page, 'inbox opened from a counter');
  });
});

describe('the command palette', () => {
  it('opens with Ctrl+K, jumps to a case by reference and to a page, by keyboard only', async () => {
    const someCase = (await api.call<RouterOutputs['cases']['list']>('query', 'cases.list', { view: 'all', limit: 1 })).items[0]!;
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();

    // `?` lists it.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Tastenkürzel' });
    await help.getByText('Befehlspalette: Seite öffnen, zu einem Vorgang springen, suchen').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+k');
    const combobox = page.getByRole('combobox', { name: 'Seite, Vorgangsnummer oder Suchbegriff' });
    await combobox.waitFor();
    await expect.poll(() => combobox.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByRole('option', { name: 'Übersicht' }).waitFor();
    await expectAccessible(page, 'command palette');

    await page.keyboard.type(someCase.reference.toLowerCase());
    const option = page.getByRole('option', { name: `Vorgang ${someCase.reference} öffnen` });
    await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
    expect(await combobox.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await expectAccessible(page, 'command palette with a reference');
    await page.keyboard.press('Enter');
    await heading(someCase.reference).waitFor();
    await page.getByRole('dialog', { name: 'Befehlspalette' }).waitFor({ state: 'detached' });

    // From a field too (Ctrl types nothing): to a page by its name, spelling-insensitively, with the arrow keys.
    await page.getByRole('searchbox', { name: 'Suche' }).focus();
    await page.keyboard.press('Control+k');
    await combobox.waitFor();
    await expect.poll(() => combobox.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('ubersicht');
    // The pages narrowed down to the one that matches, and the search for the text.
    const choices = page.getByRole('listbox', { name: 'Vorschläge' }).getByRole('option');
    await expect.poll(() => choices.allTextContents()).toEqual(['Übersicht', 'Nach „ubersicht“ suchen']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
  });
});

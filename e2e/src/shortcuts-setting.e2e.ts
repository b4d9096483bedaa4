import type { RouterOutputs } from '@anliegen/server';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../server/src/test/http-client.js';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, DEMO_PASSWORD, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/*
 * Issue 24, WCAG 2.1.4 (character key shortcuts) and 3.2.2 (on input): the single-character shortcuts can be switched
 * off in the user's settings (and stay off after a reload: they are stored with the user), Ctrl ones always act, and
 * none acts while the focus is in a composite widget. The language changes only when one is chosen.
 */
let server: RunningServer;
let browser: BrowserContext;
let page: Page;
let me: HttpClient;
let agent: ApiClient;
/** A case of the agent's team held by the team lead: `m` would assign it to the agent. */
let reference: string;
let holder: string;

beforeAll(async () => {
  server = await startServer({});
  browser = await launchBrowser();
  page = await browser.newPage();
  const lead = await ApiClient.login(server.url, DEMO.team_lead);
  const team = (await lead.teams()).find((candidate) => candidate.name === 'Bürgerbüro')!;
  const citizen = await lead.createCitizen({ givenName: 'Karla', familyName: 'Kürzel' });
  reference = (
    await lead.createCase({
      citizenId: citizen.id,
      subject: 'Tastenkürzel ausprobieren',
      channel: 'phone',
      text: 'Rückruf erbeten.',
      teamId: team.id,
    })
  ).reference;
  me = new HttpClient(server.url);
  await me.logIn(DEMO.agent, DEMO_PASSWORD);
  agent = await ApiClient.login(server.url, DEMO.agent);
  holder = (await assignee())!.displayName;
  await login(page, server.url, DEMO.agent);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const profile = () => me.call<NonNullable<RouterOutputs['auth']['me']>>('query', 'auth.me');
const assignee = async () => (await agent.caseByReference(reference)).case.assignee;
/** Each test starts with the shortcuts on, as a new user has them. */
const setShortcuts = (on: boolean) => me.call('mutation', 'auth.saveSettings', { characterShortcuts: on });
const helpDialog = () => page.getByRole('dialog', { name: 'Tastenkürzel' });
const settingsDialog = () => page.getByRole('dialog', { name: 'Einstellungen' });
const userMenuButton = () => page.getByRole('button', { name: /^Benutzermenü/ });
const focusedName = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

const PAGES = {
  inbox: { path: '/cases', ready: () => page.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first().waitFor() },
  case: {
    path: () => `/cases/${reference}`,
    ready: () => page.getByRole('heading', { level: 1, name: new RegExp(`^${reference} · `) }).waitFor(),
  },
};
async function open(where: keyof typeof PAGES) {
  const target = PAGES[where];
  await page.goto(`${server.url}${typeof target.path === 'string' ? target.path : target.path()}`);
  await target.ready();
  // The header's menus (and with them Ctrl+K) load right after the shell.
  await expect.poll(() => userMenuButton().isEnabled()).toBe(true);
}

/** Everything a shortcut could have done: the address, the focus, a dialog, a ticked row, a message. */
async function markState() {
  await page.evaluate(() => {
    (window as unknown as { e2eFocus: Element | null }).e2eFocus = document.activeElement;
  });
  return state();
}
function state() {
  return page.evaluate(() => ({
    path: location.pathname + location.search,
    dialogs: document.querySelectorAll('[role="dialog"]').length,
    ticked: document.querySelectorAll('table input[type="checkbox"]:checked').length,
    // What the live regions say (regions that mount empty, as the page settles, say nothing).
    messages: [...document.querySelectorAll('[role="status"], [role="alert"]')]
      .map((node) => node.textContent?.trim())
      .filter(Boolean)
      .join('|'),
  }));
}
const focusKept = (within: string | null) =>
  page.evaluate((selector) => {
    const before = (window as unknown as { e2eFocus: Element | null }).e2eFocus;
    const now = document.activeElement;
    if (!selector) return now === before;
    const root = before?.closest(selector) ?? before;
    return now !== null && (root?.contains(now) ?? false);
  }, within);

/** The page's single-character shortcuts as its help (`?`, read from the registry) lists them while they are on. */
async function characterKeysListed(): Promise<string[]> {
  await page.keyboard.press('?');
  await helpDialog().getByText('Tastenkürzel mit einzelnen Zeichen sind eingeschaltet.', { exact: false }).waitFor();
  const keys = await helpDialog()
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows
        .map((row) => [...row.querySelectorAll('kbd')].map((kbd) => kbd.textContent ?? ''))
        .filter((kbds) => kbds.length === 1 && [...kbds[0]!].length === 1)
        .map(([key]) => key!),
    );
  await page.keyboard.press('Escape');
  await helpDialog().waitFor({ state: 'detached' });
  return keys;
}

/** Presses each key with the focus where `focus` puts it; nothing may change but what the widget does itself. */
async function expectNoShortcutActs(label: string, keys: string[], focus: () => Promise<void>, within: string | null) {
  for (const key of keys) {
    await focus();
    const before = await markState();
    await page.keyboard.press(key);
    // A shortcut acts synchronously on keydown; its visible effect (a lazy dialog, a navigation) comes a moment later.
    await page.waitForTimeout(80);
    expect(await state(), `${key} ${label}`).toEqual(before);
    expect(await focusKept(within), `focus after ${key} ${label}`).toBe(true);
  }
}

/** Opens a menu by keyboard (Enter on its button), unless it is open already. */
async function openMenu(button: Locator) {
  if ((await page.getByRole('menu').count()) > 0) return;
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menu').waitFor();
}

/** Escape from inside each open menu or pop-up (from a menu's button, Escape does not reach the menu). */
async function closeOverlays() {
  const overlay = page.locator('[role="menu"], [role="dialog"]').first();
  for (let attempt = 0; attempt < 3 && (await overlay.count()) > 0; attempt++) {
    await overlay.locator('[role^="menuitem"], button').first().focus();
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
  }
}

async function openSettingsFromUserMenu() {
  // By keyboard: the user menu, down to "Einstellungen", Enter.
  await userMenuButton().focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menu').waitFor();
  for (let step = 0; step < 8 && (await focusedName()) !== 'Einstellungen'; step++) await page.keyboard.press('ArrowDown');
  expect(await focusedName()).toBe('Einstellungen');
  await page.keyboard.press('Enter');
  await settingsDialog().waitFor();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

/** Ticks or unticks the setting by keyboard and saves it with Enter on "Speichern". */
async function saveSetting(on: boolean) {
  const box = settingsDialog().getByRole('checkbox', { name: 'Tastenkürzel mit einzelnen Zeichen verwenden' });
  await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
  if ((await box.isChecked()) !== on) await page.keyboard.press('Space');
  expect(await box.isChecked()).toBe(on);
  await settingsDialog().getByRole('button', { name: 'Speichern' }).focus();
  await page.keyboard.press('Enter');
  await settingsDialog().waitFor({ state: 'detached' });
  await expect.poll(async () => (await profile()).characterShortcuts).toBe(on);
}

describe('the single-character shortcuts setting (WCAG 2.1.4)', () => {
  it('off: no character key acts on any page that offers one, Ctrl+K still does; on again; kept across reloads', async () => {
    expect((await profile()).characterShortcuts).toBe(true);
    await open('inbox');
    const inboxKeys = await characterKeysListed();
    expect([...inboxKeys].sort()).toEqual(['/', '?', 'j', 'k', 'x']);
    await open('case');
    const caseKeys = await characterKeysListed();
    expect([...caseKeys].sort()).toEqual(['/', '?', 'j', 'k', 'm', 'r', 's']);

    await openSettingsFromUserMenu();
    await expectAccessible(page, 'settings dialog');
    await saveSetting(false);

    // After a reload (the setting comes with the session), on each page, with the focus on the page and on a link.
    await page.reload();
    for (const [where, keys] of [
      ['inbox', inboxKeys],
      ['case', caseKeys],
    ] as const) {
      await open(where);
      await expectNoShortcutActs(`on the ${where} (off)`, keys, () => page.locator('#main').focus(), null);
      await expectNoShortcutActs(
        `on a link of the ${where} (off)`,
        keys,
        () => page.getByRole('link', { name: 'Personen' }).focus(),
        null,
      );
    }
    expect((await assignee())?.displayName).toBe(holder);

    // Ctrl shortcuts are no character key shortcuts: Ctrl+K opens the palette.
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Befehlspalette' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Befehlspalette' }).waitFor({ state: 'detached' });

    // The help is in the user menu too (`?` is off): it says so, lists only the keys that act, and leads to the setting.
    await userMenuButton().click();
    await page.getByRole('menuitem', { name: 'Tastenkürzel' }).click();
    await helpDialog().getByText('Tastenkürzel mit einzelnen Zeichen sind ausgeschaltet', { exact: false }).waitFor();
    const listed = await helpDialog().locator('tbody tr').allTextContents();
    expect(listed.some((row) => row.includes('Befehlspalette'))).toBe(true);
    expect(listed.filter((row) => /^(j|k|r|s|m|x|\/|\?)[A-ZÄÖÜ]/.test(row))).toEqual([]);
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expectAccessible(page, 'shortcut help while they are off');
    await helpDialog().getByRole('button', { name: 'Einstellungen öffnen' }).click();
    await settingsDialog().waitFor();
    await saveSetting(true);

    // On again, and still after a reload: j moves through the inbox, ? opens the help.
    await page.reload();
    await open('inbox');
    const first = await page.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first().textContent();
    await page.locator('#main').focus();
    await page.keyboard.press('j');
    expect(await focusedName()).toBe(first);
    expect(await characterKeysListed()).toEqual(inboxKeys);
  });
});

describe('character shortcuts inside a focused widget', () => {
  /** How each composite widget of the inbox and the case page gets the focus (the keys are typed there). */
  const widgets: { where: keyof typeof PAGES; name: string; enter: () => Promise<void>; within: string }[] = [
    {
      where: 'inbox',
      name: 'the view switch (SegmentedControl, a radio group)',
      enter: () => page.getByRole('radiogroup', { name: 'Ansicht' }).getByRole('radio', { checked: true }).focus(),
      within: '[role="radiogroup"]',
    },
    {
      where: 'inbox',
      name: 'the user menu’s button with its menu open',
      enter: async () => {
        await openMenu(userMenuButton());
        await userMenuButton().focus();
      },
      within: '[aria-expanded="true"]',
    },
    {
      where: 'inbox',
      name: 'an item of the user menu',
      enter: async () => {
        await openMenu(userMenuButton());
        await page.getByRole('menuitem', { name: 'Einstellungen' }).focus();
      },
      within: '[role="menu"]',
    },
    {
      where: 'inbox',
      name: 'the language menu',
      enter: async () => {
        await openMenu(page.getByRole('button', { name: 'Sprache: Deutsch' }));
        await page.getByRole('menuitemradio', { name: 'Deutsch' }).focus();
      },
      within: '[role="menu"]',
    },
    {
      where: 'case',
      name: 'the timeline order (a radio group)',
      enter: () =>
        page.getByRole('radiogroup', { name: 'Reihenfolge des Verlaufs' }).getByRole('radio', { checked: true }).focus(),
      within: '[role="radiogroup"]',
    },
    {
      where: 'case',
      name: 'the “Weitere Aktionen” menu',
      enter: async () => {
        await openMenu(page.getByRole('button', { name: 'Weitere Aktionen' }));
        await page.getByRole('menuitem').first().focus();
      },
      within: '[role="menu"]',
    },
    {
      where: 'case',
      name: 'the open calendar of the follow-up date (a popover)',
      enter: async () => {
        const calendar = page.getByRole('dialog', { name: /^Kalender: Wiedervorlage/ });
        if ((await calendar.count()) === 0) await page.getByRole('button', { name: /^Kalender öffnen: Wiedervorlage/ }).click();
        await calendar.locator('[data-autofocus], button').first().focus();
      },
      within: '[role="dialog"]',
    },
  ];

  it('lets none act in a radio group, a menu, a menu button whose menu is open, a popover', async () => {
    await setShortcuts(true);
    await open('inbox');
    const keysOf = { inbox: await characterKeysListed(), case: [] as string[] };
    await open('case');
    keysOf.case = await characterKeysListed();
    for (const where of ['inbox', 'case'] as const) {
      await open(where);
      for (const widget of widgets.filter((candidate) => candidate.where === where)) {
        await expectNoShortcutActs(`in ${widget.name}`, keysOf[where], widget.enter, widget.within);
        await closeOverlays();
      }
    }
    expect((await assignee())?.displayName).toBe(holder);
  });
});

describe('the language (WCAG 3.2.2)', () => {
  async function chooseByKeyboard(button: Locator, arrows: number) {
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitemradio', { name: 'English' }).waitFor();
    for (let step = 0; step < arrows; step++) await page.keyboard.press('ArrowDown');
  }
  const htmlLang = () => page.evaluate(() => document.documentElement.lang);

  it('changes nothing while the arrow keys move through the languages, and switches on Enter', async () => {
    await open('inbox');
    const button = page.getByRole('button', { name: 'Sprache: Deutsch' });
    // Each language named in itself.
    await chooseByKeyboard(button, 3);
    expect(
      await page
        .getByRole('menuitemradio')
        .evaluateAll((items) => items.map((item) => `${item.textContent}:${item.getAttribute('lang')}`)),
    ).toEqual(['Deutsch:de', 'English:en']);
    expect(await htmlLang()).toBe('de');
    await page.getByRole('heading', { level: 1, name: 'Posteingang' }).waitFor();
    expect((await profile()).locale).toBe('de');
    await expectAccessible(page, 'language menu open');
    await page.keyboard.press('Escape');
    expect(await htmlLang()).toBe('de');

    // Chosen: now it switches, and the profile keeps it.
    await chooseByKeyboard(button, 0);
    for (let step = 0; step < 3 && (await focusedName()) !== 'English'; step++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(htmlLang).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await expect.poll(async () => (await profile()).locale).toBe('en');
    // And back.
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('menuitemradio', { name: 'Deutsch' }).click();
    await expect.poll(htmlLang).toBe('de');
    await expect.poll(async () => (await profile()).locale).toBe('de');
  });

  it('on the login page too', async () => {
    await browser.clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await chooseByKeyboard(page.getByRole('button', { name: 'Sprache: Deutsch' }), 3);
    expect(await htmlLang()).toBe('de');
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await expectAccessible(page, 'language menu open on the login page');
    await page.keyboard.press('Escape');
    expect(await page.locator('select').count()).toBe(0);
  });
});

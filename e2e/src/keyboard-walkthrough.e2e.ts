import type { BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, DEMO_PASSWORD } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * Issue 24 (WCAG 2.4.3 focus order, 4.1.3 status messages, 3.3.1 error identification, 2.4.2 page titles): the
 * agent's core task by keyboard only, with what has the focus after every step read from Chromium's own
 * accessibility tree (role and accessible name), and every change of page said in a polite live region. Then the
 * classes: every top-level route of the navigation, every dialog a page opens with its "Neu…" button (first field
 * focused, a failed submit focuses the first field in error), and the public web form's error summary.
 */
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startServer({});
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function freshPage(): Promise<Page> {
  await browser.clearCookies();
  for (const open of browser.pages()) await open.close();
  return browser.newPage();
}

interface Focused {
  role: string;
  name: string;
  level?: number;
  invalid?: boolean;
}

const sessions = new WeakMap<Page, CDPSession>();
/** The focused element as Chromium's accessibility tree has it (not the DOM's guess). */
async function focused(page: Page): Promise<Focused> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  if (!result.objectId) return { role: 'none', name: '' };
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
  const node = nodes[0];
  const property = (name: string) => node?.properties?.find((entry) => entry.name === name)?.value.value;
  const level = property('level');
  return {
    role: String(node?.role?.value ?? 'none'),
    name: String(node?.name?.value ?? ''),
    ...(typeof level === 'number' ? { level } : {}),
    ...(property('invalid') && property('invalid') !== 'false' ? { invalid: true } : {}),
  };
}

const matches = (actual: string, expected: string | RegExp) =>
  typeof expected === 'string' ? actual === expected : expected.test(actual);

/** Waits until the focus is on an element of this role and name (focus moves after renders and loads). */
async function expectFocus(page: Page, role: string, name: string | RegExp, step: string): Promise<Focused> {
  let last: Focused = { role: 'none', name: '' };
  for (let attempt = 0; attempt < 50; attempt++) {
    last = await focused(page);
    if (last.role === role && matches(last.name, name)) return last;
    await page.waitForTimeout(100);
  }
  expect(last, `focus after: ${step}`).toEqual({ role, name: String(name) });
  return last;
}

/** Tab (or Shift+Tab) until an element of this role and name has the focus, as a keyboard user would. */
async function tabTo(page: Page, role: string, name: string | RegExp, { back = false, max = 80 } = {}) {
  for (let press = 0; press < max; press++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now.role === role && matches(now.name, name)) return;
  }
  throw new Error(`${role} "${name}" not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** The last change of page, as the polite live region said it. */
async function expectAnnounced(page: Page, title: string) {
  const expected = `Seite geöffnet: ${title}`;
  await page
    .waitForFunction(
      (text) =>
        [...document.querySelectorAll('[aria-live="polite"], [role="status"]')].some(
          (region) => region.textContent?.trim() === text && region.closest('[aria-hidden="true"]') === null,
        ),
      expected,
      { timeout: 5000 },
    )
    .catch(() => {
      throw new Error(`not announced: "${expected}"`);
    });
}

/** A change of page by keyboard: the new page's h1 has the focus and the page was announced. */
async function expectPageFocus(page: Page, title: string | RegExp, step: string) {
  const heading = await expectFocus(page, 'heading', title, step);
  expect(heading.level, step).toBe(1);
  await expectAnnounced(page, heading.name);
}

/** 4.1.3: a message is announced once, by one live region (an alert inside a status region is said twice). */
async function expectNoNestedLiveRegions(page: Page, label: string) {
  const nested = await page.evaluate(() =>
    [...document.querySelectorAll('[role="alert"], [role="status"], [aria-live]:not([aria-live="off"])')]
      .filter((region) => region.parentElement?.closest('[role="alert"], [role="status"], [aria-live]:not([aria-live="off"])'))
      .map((region) => region.outerHTML.slice(0, 120)),
  );
  expect(nested, `live regions inside live regions on ${label}`).toEqual([]);
}

async function keyboardLogin(page: Page, email: string) {
  await page.goto(`${server.url}/login`);
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  // 3.1.2: a language's name is marked up in that language (an option, a menu item, the button's current choice).
  const names = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((element) => element.children.length === 0 && ['Deutsch', 'English'].includes(element.textContent?.trim() ?? ''))
      .map((element) => `${element.textContent?.trim()}:${element.closest('[lang]')?.getAttribute('lang')}`),
  );
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(['Deutsch:de', 'English:en']).toContain(name);
  await tabTo(page, 'textbox', /^E-Mail-Adresse/);
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expectPageFocus(page, 'Übersicht', 'signing in');
}

describe('the agent’s core task by keyboard only', () => {
  it('inbox → case → note → reply → status → person → back, the focus placed and the page announced at every step', async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await api.createCitizen({
      givenName: 'Tilda',
      familyName: 'Tastmann',
      contacts: [{ kind: 'email', value: 'tilda.tastmann@example.org' }],
    });
    const { reference } = await api.createCase({
      citizenId: citizen.id,
      subject: 'Sperrmüll abholen lassen',
      channel: 'email',
      text: 'Wann kann der Sperrmüll abgeholt werden?',
    });
    const caseTitle = `${reference} · Sperrmüll abholen lassen`;
    const page = await freshPage();

    await keyboardLogin(page, DEMO.agent);

    // The navigation link, then the inbox.
    await tabTo(page, 'link', 'Posteingang');
    await page.keyboard.press('Enter');
    await expectPageFocus(page, 'Posteingang', 'opening the inbox');
    await page.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first().waitFor();
    await expectAccessible(page, 'inbox after keyboard navigation');

    // j walks the list (the row's link has the focus), Enter opens the case.
    let row: Focused = { role: 'none', name: '' };
    for (let press = 0; press < 30 && !row.name.includes(reference); press++) {
      await page.keyboard.press('j');
      row = await focused(page);
      expect(row.role, 'j focuses a row link').toBe('link');
    }
    expect(row.name).toContain(reference);
    await page.keyboard.press('Enter');
    await expectPageFocus(page, caseTitle, 'opening the case');
    await page.getByRole('region', { name: 'Verlauf' }).getByText('Wann kann der Sperrmüll abgeholt werden?').waitFor();
    await expectAccessible(page, 'case page after keyboard navigation');
    await expectNoNestedLiveRegions(page, 'case page');

    // A note: the kind is a radio group (arrow keys), then the text, then the button.
    await tabTo(page, 'radio', 'Antwort per E-Mail');
    await page.keyboard.press('ArrowRight');
    await expectFocus(page, 'radio', 'Interne Notiz', 'choosing a note');
    await tabTo(page, 'textbox', /^Text/);
    await page.keyboard.type('Termin mit dem Abfallbetrieb klären.');
    await tabTo(page, 'button', 'Notiz speichern');
    await page.keyboard.press('Enter');
    const timeline = page.getByRole('region', { name: 'Verlauf' });
    await timeline.getByText('Termin mit dem Abfallbetrieb klären.').waitFor();
    // The button keeps the focus (it was disabled while saving, which drops the focus to <body>); the save is said.
    await expectFocus(page, 'button', 'Notiz speichern', 'saving the note');
    await page.getByRole('status').getByText('Gespeichert.', { exact: true }).first().waitFor();
    await expectNoNestedLiveRegions(page, 'case page after the note');

    // The reply: back to the kind, the text, "Senden".
    await tabTo(page, 'radio', 'Interne Notiz', { back: true });
    await page.keyboard.press('ArrowLeft');
    await expectFocus(page, 'radio', 'Antwort per E-Mail', 'choosing a reply');
    await tabTo(page, 'textbox', /^Text/);
    await page.keyboard.type('Guten Tag, der Sperrmüll wird am Montag abgeholt.');
    await tabTo(page, 'button', 'Senden');
    await page.keyboard.press('Enter');
    await timeline.getByText('Guten Tag, der Sperrmüll wird am Montag abgeholt.').waitFor();
    await expectFocus(page, 'button', 'Senden', 'sending the reply');
    await page.getByRole('status').getByText('Die Antwort ist gespeichert und wird per E-Mail gesendet.').waitFor();
    await expectNoNestedLiveRegions(page, 'case page after the reply');

    // The status: `s`, a key down the list, then "Änderungen speichern".
    await page.keyboard.press('s');
    await expectFocus(page, 'combobox', 'Status', 'pressing s');
    const before = await page.getByLabel('Status', { exact: true }).inputValue();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).not.toBe(before);
    const chosen = await page.getByLabel('Status', { exact: true }).inputValue();
    await tabTo(page, 'button', 'Änderungen speichern');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Gespeichert.', { exact: true }).first().waitFor();
    // Nothing left to save: the button says so (aria-disabled) but keeps the focus.
    await expectFocus(page, 'button', 'Änderungen speichern', 'saving the status');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-disabled'))).toBe('true');
    expect((await api.caseByReference(reference)).case.status).toBe(chosen);
    await expectNoNestedLiveRegions(page, 'case page after saving');
    await expectAccessible(page, 'case page after note, reply and status');

    // The person.
    await tabTo(page, 'link', 'Tilda Tastmann');
    await page.keyboard.press('Enter');
    await expectPageFocus(page, 'Tilda Tastmann', 'opening the person');
    await expectAccessible(page, 'person page after keyboard navigation');

    // The browser's back and forward (its own keys, Alt+← and Alt+→, do not reach a headless page).
    await page.goBack();
    await expectPageFocus(page, caseTitle, 'browser back');
    await page.goForward();
    await expectPageFocus(page, 'Tilda Tastmann', 'browser forward');

    // Back through the page's own link to the case (the person's cases).
    await tabTo(page, 'link', reference);
    await page.keyboard.press('Enter');
    await expectPageFocus(page, caseTitle, 'the person’s link back to the case');
  });
});

/**
 * Every link of the navigation, by keyboard: the new page's h1 has the focus (or the field a page starts on, the
 * capture's caller number: `data-autofocus`), the page is announced and titled.
 */
async function everyRoute(page: Page, role: string, seen: Set<string>, visit: (label: string) => Promise<void>) {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  const labels = await nav.getByRole('link').allTextContents();
  expect(labels.length, `navigation of ${role}`).toBeGreaterThan(3);
  // The page shown already (the overview after signing in) comes last: its link would change nothing now.
  for (const label of [...labels.slice(1), labels[0]!]) {
    // A page another role has shown already (the overview, statistics): the same route, the same focus handling.
    if (seen.has(label) && label !== labels[0]) continue;
    seen.add(label);
    const link = nav.getByRole('link', { name: label, exact: true });
    const before = await page.title();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((previous) => document.querySelector('main h1') && document.title !== previous, before);
    const title = ((await page.locator('main h1').textContent()) ?? '').trim();
    const startField = page.locator('main [data-autofocus]');
    if ((await startField.count()) > 0) {
      await page.waitForFunction(() => document.activeElement?.matches('main [data-autofocus]'));
    } else {
      const heading = await expectFocus(page, 'heading', title, `${role}: ${label}`);
      expect(heading.level, label).toBe(1);
    }
    await expectAnnounced(page, title);
    // 2.4.2: the title names the page.
    expect(await page.title(), label).toBe(`${title} · Anliegen`);
    await expectNoNestedLiveRegions(page, label);
    await visit(label);
  }
}

/**
 * The dialogs a page opens with a button that says so (`aria-haspopup="dialog"`: the "Neu…" buttons): the first field
 * has the focus, a submit of the empty form puts it on the first field in error, Escape gives it back to the button.
 */
async function dialogsOf(page: Page, label: string) {
  // Not a popover's button (the date field's calendar: `aria-expanded`, a dialog that is not modal).
  const openers = page.locator('main button[aria-haspopup="dialog"]:not([aria-expanded]):visible');
  const count = await openers.count();
  let forms = 0;
  let listSeen = false;
  for (let index = 0; index < count; index++) {
    const opener = openers.nth(index);
    const name = (await opener.textContent())?.trim() ?? '';
    const hasForm = await openDialog(page, opener);
    const dialog = page.getByRole('dialog');
    if (hasForm) {
      forms++;
      const first = await firstField(dialog, `"${name}" on ${label}`);
      await expectFocus(page, first.role, first.name, `opening "${name}" on ${label}`);
      await tabToSubmit(page, dialog);
      await page.keyboard.press('Enter');
      await expectFocusOnFirstInvalid(page, dialog, `failed submit of "${name}" on ${label}`);
      await expectAccessible(page, `dialog "${name}" with errors on ${label}`);
    } else {
      // A dialog to read (the cases behind a number): no field to start on, the focus is inside it. One per page.
      if (listSeen) {
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        continue;
      }
      listSeen = true;
      expect(await dialog.evaluate((element) => element.contains(document.activeElement)), `"${name}" on ${label}`).toBe(true);
      await expectAccessible(page, `dialog "${name}" on ${label}`);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The focus is back on the button that opened it.
    for (let attempt = 0; attempt < 20 && !(await opener.evaluate((element) => element === document.activeElement)); attempt++)
      await page.waitForTimeout(50);
    expect(await opener.evaluate((element) => element === document.activeElement), `closing "${name}" on ${label}`).toBe(true);
  }
  return forms;
}

/** Opens a dialog by keyboard; whether it holds a form. */
async function openDialog(page: Page, opener: Locator): Promise<boolean> {
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // Its content, loaded with it (the cases behind a number come a moment later).
  await page.waitForFunction(() => document.querySelector('[role="dialog"]')?.contains(document.activeElement));
  return (await dialog.locator('form').count()) > 0;
}

/** 3.3.1 with 2.4.3: after a failed submit the focus is on the first field in error (the accessibility tree says so). */
async function expectFocusOnFirstInvalid(page: Page, container: Locator, step: string) {
  const first = container.locator('[aria-invalid="true"]').first();
  await first.waitFor();
  for (let attempt = 0; attempt < 30; attempt++) {
    if (await first.evaluate((element) => element === document.activeElement)) break;
    await page.waitForTimeout(100);
  }
  expect(await first.evaluate((element) => element === document.activeElement), step).toBe(true);
  expect((await focused(page)).invalid, step).toBe(true);
}

/**
 * The field a dialog opens on, its role and name as the accessibility tree has them: the first, unless the dialog
 * marks another (forwarding starts at the address, its first field has a sensible default).
 */
async function firstField(dialog: Locator, label: string): Promise<Focused> {
  const marked = dialog.locator('[data-autofocus]');
  const field = (await marked.count())
    ? marked.first()
    : dialog.locator('input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])').first();
  await field.waitFor({ timeout: 5000 }).catch(() => {
    throw new Error(`no field in the dialog ${label}`);
  });
  expect(await field.evaluate((element) => element.matches('input, select, textarea')), `${label} opens on a field`).toBe(true);
  const handle = await field.elementHandle();
  const page = dialog.page();
  await handle!.evaluate((element) => (element as HTMLElement).setAttribute('data-probe', ''));
  const cdp = sessions.get(page) ?? (await page.context().newCDPSession(page));
  sessions.set(page, cdp);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.querySelector("[data-probe]")' });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId!, fetchRelatives: false });
  await handle!.evaluate((element) => element.removeAttribute('data-probe'));
  return { role: String(nodes[0]?.role?.value), name: String(nodes[0]?.name?.value ?? '') };
}

async function tabToSubmit(page: Page, dialog: Locator) {
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press('Tab');
    if (await dialog.locator('button[type="submit"]').evaluate((button) => button === document.activeElement)) return;
  }
  throw new Error('submit button not reached by Tab');
}

describe('every page and dialog', () => {
  it('a team lead’s and an admin’s navigation: focus on each page’s h1, announced; the dialogs of each page', async () => {
    let dialogs = 0;
    const seen = new Set<string>();
    for (const role of ['team_lead', 'admin'] as const) {
      const page = await freshPage();
      await keyboardLogin(page, DEMO[role]);
      await everyRoute(page, role, seen, async (label) => {
        dialogs += await dialogsOf(page, label);
      });
    }
    // Canned responses, persons, users, teams, routing rules, service levels.
    expect(dialogs).toBeGreaterThanOrEqual(6);
  });

  it('on a case and a person: forwarding and a new case open on their first field; the burger says whether it is open', async () => {
    const lead = await ApiClient.login(server.url, DEMO.team_lead);
    const citizen = await lead.createCitizen({ givenName: 'Fritz', familyName: 'Fokus' });
    const { reference } = await lead.createCase({
      citizenId: citizen.id,
      subject: 'Parkausweis verlängern',
      channel: 'phone',
      text: 'Der Anwohnerparkausweis läuft ab.',
    });
    const page = await freshPage();
    await keyboardLogin(page, DEMO.team_lead);
    await page.goto(`${server.url}/cases/${reference}`);
    await page.getByRole('heading', { level: 1, name: `${reference} · Parkausweis verlängern` }).waitFor();
    // Forwarding, and "Rückmeldung erfassen" (the survey, on for this case's topic).
    expect(await dialogsOf(page, 'a case')).toBe(2);
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: 'Fritz Fokus' }).waitFor();
    expect(await dialogsOf(page, 'a person')).toBe(1);

    // 4.1.2: below 62em the navigation is behind the burger, which says whether it is open and what it opens.
    await page.setViewportSize({ width: 390, height: 800 });
    const burger = page.getByRole('button', { name: 'Navigation ein- oder ausblenden' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    const controls = await burger.getAttribute('aria-controls');
    expect(controls).toBeTruthy();
    await burger.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[aria-controls][aria-expanded="true"]'));
    expect(await page.locator(`#${controls}`).getAttribute('aria-label')).toBe('Hauptnavigation');
    await expectAccessible(page, 'navigation drawer open');
  });
});

describe('the public web form', () => {
  it('a failed submit focuses the error summary and the title starts with "Fehler:"; the privacy link says it opens a new window', async () => {
    const page = await freshPage();
    for (const [lang, prefix, newWindow] of [
      ['de', 'Fehler: ', 'öffnet in neuem Fenster'],
      ['en', 'Error: ', 'opens in a new window'],
    ] as const) {
      await page.goto(`${server.url}/anliegen?lang=${lang}`);
      const title = await page.title();
      expect(title.startsWith(prefix)).toBe(false);
      const privacy = page.locator('a[target="_blank"]');
      expect(await privacy.count()).toBe(1);
      expect(await privacy.evaluate((link) => link.textContent)).toContain(newWindow);
      await page.locator('button[type="submit"]').focus();
      await page.keyboard.press('Enter');
      await page.locator('#summary').waitFor();
      await expectFocus(page, 'alert', /.*/, `failed submit (${lang})`);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('summary');
      expect(await page.title()).toBe(`${prefix}${title}`);
      await expectAccessible(page, `web form with errors (${lang})`);
    }
  });
});

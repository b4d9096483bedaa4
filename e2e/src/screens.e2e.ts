import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { layoutProblems, TEXT_SPACING } from './support/layout.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * Issue 17: every screen at phone, tablet and desktop width, light and dark. Issue 24 (BITV 2.0): at 320 px too
 * (1.4.10 Reflow: 1280 px at 400 % zoom) and under the WCAG 1.4.12 text-spacing override. On each: no horizontal
 * scrolling of the page, nothing off-screen in a fixed layer (header, drawers, dialogs: those never scroll), no text
 * cut by its container, and (at phone and desktop width) no axe violation.
 */
let server: RunningServer;
let browser: BrowserContext;

type Scheme = 'light' | 'dark';
interface Pass {
  width: number;
  scheme: Scheme;
  /** With the WCAG 1.4.12 text-spacing override (TEXT_SPACING). */
  spacing: boolean;
  /** axe is slow: at the narrowest usual phone width (390) and the widest, in both schemes. */
  axe: boolean;
}
/**
 * Every screen in these passes, grouped by scheme. 320 px is checked with and without text spacing (the override can
 * hide a problem plain 320 px has, or the other way round); the dark tablet and desktop passes carry the override too,
 * so it is tried at every layout (phone, tablet with the navigation drawer, desktop with header controls) without a
 * pass of its own.
 */
const PASSES: readonly Pass[] = [
  { width: 320, scheme: 'light', spacing: false, axe: false },
  { width: 320, scheme: 'light', spacing: true, axe: false },
  { width: 390, scheme: 'light', spacing: false, axe: true },
  { width: 768, scheme: 'light', spacing: false, axe: false },
  { width: 1440, scheme: 'light', spacing: false, axe: true },
  { width: 390, scheme: 'dark', spacing: false, axe: true },
  { width: 768, scheme: 'dark', spacing: true, axe: false },
  { width: 1440, scheme: 'dark', spacing: true, axe: true },
];
const SCHEMES: readonly Scheme[] = ['light', 'dark'];

function passLabel(pass: Pick<Pass, 'width' | 'scheme' | 'spacing'>): string {
  return `${pass.width}px, ${pass.scheme}${pass.spacing ? ', text spacing' : ''}`;
}

type Role = keyof typeof DEMO;
interface Screen {
  path: string;
  label: string;
}

beforeAll(async () => {
  server = await startServer({ WEBFORM_MIN_SECONDS: '0' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until the page shows its heading and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ timeout: 15_000 });
  await page
    .waitForFunction(
      () => !document.querySelector('.mantine-Loader-root, .mantine-Skeleton-root[data-visible="true"], [aria-busy="true"]'),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  // Layout settles after late fonts, icons and lazy parts.
  await page.waitForTimeout(150);
}

/** Opens a path at the pass's width and scheme (the scheme set before), with the text-spacing override if asked. */
async function visit(page: Page, path: string, pass: Pick<Pass, 'width' | 'spacing'>): Promise<void> {
  await page.setViewportSize({ width: pass.width, height: pass.width < 800 ? 844 : 900 });
  await page.goto(`${server.url}${path}`);
  await reflow(page, pass);
}

async function setScheme(page: Page, scheme: (typeof SCHEMES)[number]): Promise<void> {
  // Mantine's colour scheme manager reads this key (the header's toggle writes it).
  await page.evaluate((value) => localStorage.setItem('mantine-color-scheme-value', value), scheme);
}

/**
 * The page as loaded, at another width or with the text spacing on or off, as for a user who turns the phone, zooms
 * or applies a bookmarklet: resized without a reload (a reload per pass made this file take minutes).
 */
async function reflow(page: Page, pass: Pick<Pass, 'width' | 'spacing'>): Promise<void> {
  await page.setViewportSize({ width: pass.width, height: pass.width < 800 ? 844 : 900 });
  await page.evaluate(
    ({ css, on }) => {
      const present = document.getElementById('e2e-text-spacing');
      if (on && !present)
        document.head.append(Object.assign(document.createElement('style'), { id: 'e2e-text-spacing', textContent: css }));
      if (!on) present?.remove();
    },
    { css: TEXT_SPACING, on: pass.spacing },
  );
  // What moves with the width (the navigation sliding in beside the page) is checked where it comes to rest.
  await page.evaluate(async () => {
    await new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
    const moving = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
    await Promise.race([
      Promise.allSettled(moving.map((transition) => transition.finished)),
      new Promise((late) => setTimeout(late, 2000)),
    ]);
  });
  await settled(page);
}

/**
 * Visits every screen in every pass and gathers what is wrong, so one run lists all of it. Each screen is loaded once
 * per scheme, at the scheme's first pass, and resized for the others.
 */
async function checkScreens(page: Page, screens: Screen[]): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of SCHEMES) {
    await setScheme(page, scheme);
    const passes = PASSES.filter((candidate) => candidate.scheme === scheme);
    for (const screen of screens) {
      for (const [index, pass] of passes.entries()) {
        const where = `${screen.label} (${screen.path}) at ${passLabel(pass)}`;
        if (index === 0) await visit(page, screen.path, pass);
        else await reflow(page, pass);
        for (const problem of await layoutProblems(page)) problems.push(`${where}: ${problem}`);
        if (pass.axe) {
          try {
            await expectAccessible(page, where);
          } catch (error) {
            problems.push(axeProblem(error as Error));
          }
        }
      }
    }
  }
  return problems;
}

/**
 * What opens over a page (dialogs, drawers, menus) at phone width: at 390 px in light, and at 320 px in dark with
 * the text-spacing override (axe in both schemes, the narrowest layout with the largest text).
 */
const PHONE_PASSES = [
  { width: 390, scheme: 'light', spacing: false },
  { width: 320, scheme: 'dark', spacing: true },
] as const;

/**
 * 2.4.7 and 1.4.10 for the header's user menu: reached by Tab, opened with Enter and walked with the arrow keys, the
 * button and every item ("Abmelden" last) are inside the window when focused. Returns what is not.
 */
async function userMenuProblems(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return { name: '(nothing)', outside: 'nothing is focused' };
      const box = element.getBoundingClientRect();
      const name = element.getAttribute('aria-label') ?? (element.textContent ?? '').trim();
      const inside =
        box.width > 0 &&
        box.left >= -1 &&
        box.top >= -1 &&
        box.right <= window.innerWidth + 1 &&
        box.bottom <= window.innerHeight + 1;
      const at = `${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`;
      return { name, outside: inside ? null : `"${name}" at ${at} in ${window.innerWidth}×${window.innerHeight}` };
    });
  await page.locator('body').focus();
  let button = await focused();
  for (let step = 0; step < 12 && !button.name.startsWith('Benutzermenü'); step++) {
    await page.keyboard.press('Tab');
    button = await focused();
  }
  if (!button.name.startsWith('Benutzermenü')) return [`${where}: the user menu is not reached by Tab`];
  if (button.outside) problems.push(`${where}: user menu button off-screen when focused: ${button.outside}`);
  await page.keyboard.press('Enter');
  const logout = page.getByRole('menuitem', { name: 'Abmelden' });
  await logout.waitFor();
  await page.waitForTimeout(300); // the menu's transition
  const items = await page.getByRole('menuitem').or(page.getByRole('menuitemradio')).count();
  const seen: string[] = [];
  for (let step = 0; step < items + 1 && !seen.includes('Abmelden'); step++) {
    const item = await focused();
    if (seen.length > 0 || item.name !== button.name) {
      seen.push(item.name);
      if (item.outside) problems.push(`${where}: menu item off-screen when focused: ${item.outside}`);
    }
    await page.keyboard.press('ArrowDown');
  }
  if (!seen.includes('Abmelden')) problems.push(`${where}: "Abmelden" not reached with the arrow keys (${seen.join(', ')})`);
  await page.keyboard.press('Escape');
  return problems;
}

/** An axe failure in one line: where, and each violation with its elements. */
function axeProblem(error: Error): string {
  const lines = error.message.split('\n');
  return [lines[0], ...lines.filter((line) => /\((serious|critical)\)/.test(line)).map((line) => line.trim())].join(' ');
}

async function signedIn(role: Role): Promise<Page> {
  await browser.clearCookies();
  const page = await browser.newPage();
  await login(page, server.url, DEMO[role]);
  return page;
}

interface DialogState {
  path: string;
  label: string;
  /** Opens the dialog (from the page as loaded) and returns it. */
  open: (page: Page) => Promise<ReturnType<Page['getByRole']>>;
}

/**
 * Dialogs at phone width (PHONE_PASSES): each opened from its page, then the page and the dialog checked (neither
 * wider than the window, no cut text, axe) and closed with Escape.
 */
async function checkDialogs(page: Page, dialogs: DialogState[]): Promise<string[]> {
  const problems: string[] = [];
  for (const pass of PHONE_PASSES) {
    await setScheme(page, pass.scheme);
    for (const state of dialogs) {
      const where = `${state.label} (${state.path}) at ${passLabel(pass)}`;
      await visit(page, state.path, pass);
      const dialog = await state.open(page);
      await dialog.waitFor();
      await page.waitForTimeout(300); // the modal's transition
      for (const problem of await layoutProblems(page)) problems.push(`${where}: ${problem}`);
      const wide = await dialog.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const fits = box.left >= -1 && box.right <= window.innerWidth + 1 && element.scrollWidth <= element.clientWidth + 1;
        return fits ? null : `dialog is ${Math.round(box.width)}px wide with ${element.scrollWidth}px of content`;
      });
      if (wide) problems.push(`${where}: ${wide}`);
      await expectAccessible(page, where).catch((error: Error) => problems.push(axeProblem(error)));
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
  }
  return problems;
}

describe('every screen at 320, 390, 768 and 1440 px, light and dark, with and without text spacing', () => {
  it('public pages: login, web form, privacy notice, status page', { timeout: 120_000 }, async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    // A status page needs a case: the form sent once, as a citizen would.
    await page.goto(`${server.url}/anliegen`);
    await page.locator('input[name="name"]').fill('Lena Laub');
    await page.locator('input[name="email"]').fill('lena.laub@example.org');
    await page.locator('select[name="categoryId"]').selectOption({ index: 1 });
    await page.locator('textarea[name="text"]').fill('Die Straßenlaterne vor Hausnummer 4 im Lindenweg ist seit Tagen aus.');
    await page.locator('input[name="consent"]').check();
    await page.locator('form button[type="submit"]').click();
    const statusLink = page.locator('main a[href*="/anliegen/status/"]').first();
    await statusLink.waitFor();
    const statusPath = new URL((await statusLink.getAttribute('href'))!, server.url).pathname;

    const problems = await checkScreens(page, [
      { path: '/login', label: 'login' },
      { path: '/anliegen', label: 'web form' },
      { path: '/anliegen/datenschutz', label: 'privacy notice' },
      { path: statusPath, label: 'status page' },
    ]);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('an agent’s screens', { timeout: 240_000 }, async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    const opened = await api.caseWithEmail();
    const open = { reference: opened.reference };
    const page = await signedIn('agent');
    const problems = await checkScreens(page, [
      { path: '/', label: 'overview' },
      { path: '/cases', label: 'inbox' },
      { path: '/cases?view=all&sort=due', label: 'inbox, all cases' },
      { path: `/cases/${open.reference}`, label: 'case' },
      { path: `/cases/${open.reference}/print`, label: 'case for print' },
      { path: '/capture', label: 'capture a call or visit' },
      { path: '/citizens', label: 'people' },
      { path: `/citizens/${opened.citizen.id}`, label: 'a person' },
      { path: `/search?q=${encodeURIComponent('Müller')}`, label: 'search' },
    ]);
    // What opens at phone width (the navigation at tablet width too): header menus, the search field over the
    // header, the navigation drawer; on the case page the reply box with copies and the person's details. The
    // phone passes, and the tablet in both schemes (with text spacing in dark).
    const checkOpened = async (where: string, open: () => Promise<unknown>) => {
      await open();
      await page.waitForTimeout(300); // transitions
      for (const problem of await layoutProblems(page)) problems.push(`${where}: ${problem}`);
      await expectAccessible(page, where).catch((error: Error) => problems.push(axeProblem(error)));
    };
    const burger = page.getByRole('button', { name: 'Navigation ein- oder ausblenden' });
    const openedPasses = [...PHONE_PASSES, ...PHONE_PASSES.map((pass) => ({ ...pass, width: 768 }))];
    for (const scheme of SCHEMES) {
      await setScheme(page, scheme);
      for (const pass of openedPasses.filter((candidate) => candidate.scheme === scheme)) {
        const at = `case at ${passLabel(pass)}`;
        await visit(page, `/cases/${open.reference}`, pass);
        await checkOpened(`navigation open, ${at}`, () => burger.click());
        await burger.click();
        if (pass.width === 768) continue;
        problems.push(...(await userMenuProblems(page, at)));
        await checkOpened(`user menu open, ${at}`, async () => {
          await page.getByRole('button', { name: /^Benutzermenü/ }).click();
          await page.getByRole('menuitem', { name: /^Farbschema/ }).waitFor();
        });
        await page.keyboard.press('Escape');
        await checkOpened(`notifications open, ${at}`, async () => {
          await page.getByRole('button', { name: /^Benachrichtigungen/ }).click();
          await page.getByRole('menu', { name: /^Benachrichtigungen/ }).waitFor();
        });
        await page.keyboard.press('Escape');
        await checkOpened(`search open, ${at}`, () => page.getByRole('button', { name: 'Suche öffnen' }).click());
        await page.keyboard.press('Escape');
        await checkOpened(`reply box with copies, ${at}`, async () => {
          await page.getByTestId('reply-box').getByText('Antwort per E-Mail', { exact: true }).click();
          await page.getByRole('button', { name: /^CC\/BCC/ }).click();
        });
        await checkOpened(`person's details open, ${at}`, () =>
          page.getByRole('button', { name: 'Kontakt, Vorgänge und letzte Kontakte' }).click(),
        );
      }
    }
    // The user menu by keyboard at 320 px without the override too (the phone passes above have it at 320 px).
    await setScheme(page, 'light');
    await visit(page, '/cases', { width: 320, spacing: false });
    problems.push(...(await userMenuProblems(page, `inbox at ${passLabel({ width: 320, scheme: 'light', spacing: false })}`)));
    // And 1280 × 1024 px at 400 % zoom (320 × 256), with the override: the menu is taller than the room below the header.
    await page.setViewportSize({ width: 320, height: 256 });
    await page.addStyleTag({ content: TEXT_SPACING });
    problems.push(...(await userMenuProblems(page, 'inbox at 320 × 256 px, light, text spacing')));
    // The inbox at phone width with its filter drawer open, and with two cases ticked by keyboard (the bulk bar).
    for (const pass of PHONE_PASSES) {
      const where = `inbox at ${passLabel(pass)}`;
      await setScheme(page, pass.scheme);
      await visit(page, '/cases?view=all', pass);
      await page.getByRole('button', { name: 'Filter', exact: true }).click();
      const drawer = page.getByRole('dialog', { name: 'Filter und Sortierung' });
      await drawer.getByLabel('Status', { exact: true }).selectOption({ label: 'Offen' });
      await page.getByRole('button', { name: 'Filter (1 aktiv)', includeHidden: true }).waitFor({ state: 'attached' });
      await page.waitForTimeout(300); // the drawer's transition
      for (const problem of await layoutProblems(page)) problems.push(`${where}, filter drawer: ${problem}`);
      await expectAccessible(page, `${where}, filter drawer`).catch((error: Error) => problems.push(axeProblem(error)));
      await drawer.getByRole('button', { name: 'Fertig' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByRole('table', { name: 'Vorgänge' }).getByRole('link').first().waitFor();
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      await page.getByRole('region', { name: 'Sammelaktion' }).waitFor();
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      await page.getByRole('status').filter({ hasText: '2 ausgewählt' }).waitFor({ state: 'attached' });
      for (const problem of await layoutProblems(page)) problems.push(`${where}, two ticked: ${problem}`);
      await expectAccessible(page, `${where}, two ticked`).catch((error: Error) => problems.push(axeProblem(error)));
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('a team lead’s screens', { timeout: 120_000 }, async () => {
    const page = await signedIn('team_lead');
    const problems = await checkScreens(page, [
      { path: '/team', label: 'team workload' },
      { path: '/statistics', label: 'statistics' },
      { path: '/canned-responses', label: 'canned responses' },
    ]);
    problems.push(
      ...(await checkDialogs(page, [
        {
          path: '/statistics',
          label: 'cases behind a figure',
          open: async (page) => {
            const flow = page.getByRole('region', { name: 'Eröffnete und erledigte Vorgänge', exact: true });
            await flow.getByRole('button', { name: 'Als Tabelle' }).click();
            await flow
              .getByRole('button', { name: /Vorgänge anzeigen/ })
              .first()
              .click();
            const dialog = page.getByRole('dialog');
            await dialog.locator('tbody tr').first().waitFor();
            return dialog;
          },
        },
        {
          path: '/canned-responses',
          label: 'new canned response',
          open: async (page) => {
            await page.getByRole('button', { name: 'Neuer Textbaustein' }).click();
            return page.getByRole('dialog');
          },
        },
        {
          path: '/team',
          label: 'member absent',
          open: async (page) => {
            await page
              .getByRole('button', { name: /abwesend melden$/ })
              .first()
              .click();
            return page.getByRole('dialog');
          },
        },
      ])),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  // Its many pages and dialogs at every width took 63–80 s alone, and once over 240 s while the other e2e files ran.
  it('an admin’s screens', { timeout: 400_000 }, async () => {
    const page = await signedIn('admin');
    const problems = await checkScreens(page, [
      { path: '/', label: 'overview (admin)' },
      { path: '/admin/users', label: 'users' },
      { path: '/admin/teams', label: 'teams' },
      { path: '/admin/routing', label: 'routing' },
      { path: '/admin/sla', label: 'deadlines' },
      { path: '/admin/tags', label: 'tags' },
      { path: '/admin/audit', label: 'audit log' },
      { path: '/admin/privacy', label: 'privacy' },
    ]);
    const button = (path: string, label: string, name: string | RegExp): DialogState => ({
      path,
      label,
      open: async (page) => {
        await page.getByRole('button', { name }).first().click();
        return page.getByRole('dialog');
      },
    });
    problems.push(
      ...(await checkDialogs(page, [
        button('/admin/users', 'new user', 'Neues Benutzerkonto'),
        button('/admin/teams', 'edit a team', /^Bearbeiten: /),
        button('/admin/routing', 'new routing rule', 'Neue Regel'),
        button('/admin/sla', 'new deadline', 'Neue Frist'),
        button('/admin/privacy', 'retention period', /^Bearbeiten: /),
        button('/admin/privacy', 'run the retention now', 'Jetzt ausführen'),
      ])),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

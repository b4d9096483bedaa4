import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, DEMO_PASSWORD, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  // Graceful shutdown on SIGTERM ends with exit code 0.
  expect(await server?.stop()).toBe(0);
});
beforeEach(async () => {
  await browser.clearCookies();
  page = await browser.newPage();
  await page.goto(`${server.url}/login`);
  await page.evaluate(() => localStorage.clear());
});
afterEach(async () => {
  await page.close();
});

const nav = () => page.getByRole('navigation', { name: 'Hauptnavigation' });

async function logout() {
  await page.getByRole('button', { name: /^Benutzermenü/ }).click();
  await page.getByRole('menuitem', { name: 'Abmelden' }).click();
  await page.getByRole('status').getByText('Sie wurden abgemeldet.').waitFor();
}

describe('login', () => {
  it('is accessible and answers a wrong password and an unknown account alike', async () => {
    await expectAccessible(page, 'login page');
    for (const email of [DEMO.admin, 'niemand@musterstadt.example']) {
      await page.getByLabel(/^E-Mail-Adresse/).fill(email);
      await page.getByLabel(/^Passwort/).fill('falsches-passwort');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('E-Mail-Adresse oder Passwort ist falsch.');
      expect(new URL(page.url()).pathname).toBe('/login');
    }
    await expectAccessible(page, 'login page with error');
  });

  it('shows field errors before sending an invalid email', async () => {
    await page.getByLabel(/^E-Mail-Adresse/).fill('kein-at-zeichen');
    await page.getByLabel(/^Passwort/).fill('x');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.').waitFor();
    await expectAccessible(page, 'login page with field error');
  });

  it('sends a visitor without a session to the login page and back after login', async () => {
    await page.goto(`${server.url}/admin/teams`);
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByLabel(/^E-Mail-Adresse/).fill(DEMO.admin);
    await page.getByLabel(/^Passwort/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
  });
});

describe('roles', () => {
  const cases = [
    { role: 'agent', admin: false },
    { role: 'team_lead', admin: false },
    { role: 'supervisor', admin: false },
    { role: 'admin', admin: true },
  ] as const;

  for (const { role, admin } of cases) {
    it(`${role} sees the navigation of the role, accessible pages, and logs out`, async () => {
      await login(page, server.url, DEMO[role]);
      await expect.poll(() => nav().getByRole('link', { name: 'Übersicht' }).isVisible()).toBe(true);
      expect(await nav().getByRole('link', { name: 'Benutzerkonten' }).count()).toBe(admin ? 1 : 0);
      expect(await nav().getByRole('link', { name: 'Teams' }).count()).toBe(admin ? 1 : 0);
      await expectAccessible(page, `overview as ${role}`);

      if (admin) {
        await nav().getByRole('link', { name: 'Benutzerkonten' }).click();
        await page.getByRole('heading', { level: 1, name: 'Benutzerkonten' }).waitFor();
        await expectAccessible(page, 'users page');
        await nav().getByRole('link', { name: 'Teams' }).click();
        await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
        await expectAccessible(page, 'teams page');
      } else {
        // Typing the address does not get around the role check.
        await page.goto(`${server.url}/admin/users`);
        await page.getByRole('alert').getByText('Dafür fehlt Ihnen die Berechtigung.').waitFor();
        await expectAccessible(page, `forbidden page as ${role}`);
      }

      await logout();
      await expectAccessible(page, 'login page after logout');
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/login/);
    });
  }

  it('dark colour scheme passes the contrast checks too', async () => {
    await login(page, server.url, DEMO.supervisor);
    await page.getByRole('button', { name: 'Farbschema: Dunkel' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark');
    await expectAccessible(page, 'overview in dark mode');
  });
});

describe('administration', () => {
  it('creates a team and a user; bad input keeps what was typed; the new user can log in', async () => {
    await login(page, server.url, DEMO.admin);
    await nav().getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'Neues Team' }).click();
    const teamDialog = page.getByRole('dialog', { name: 'Team anlegen' });
    await teamDialog.getByLabel(/^Name/).fill('Standesamt');
    await teamDialog.getByLabel(/^Eingangsadresse/).fill('standesamt@musterstadt.example');
    await expectAccessible(page, 'team dialog');
    await teamDialog.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('status').getByText('Team wurde angelegt.').waitFor();
    await page.getByRole('rowheader', { name: 'Standesamt' }).waitFor();

    // The same name again: a clear message, the dialog and its input stay.
    await page.getByRole('button', { name: 'Neues Team' }).click();
    await teamDialog.getByLabel(/^Name/).fill('Standesamt');
    await teamDialog.getByRole('button', { name: 'Anlegen' }).click();
    await teamDialog.getByRole('alert').getByText('Es gibt bereits ein Team mit diesem Namen.').waitFor();
    expect(await teamDialog.getByLabel(/^Name/).inputValue()).toBe('Standesamt');
    await teamDialog.getByRole('button', { name: 'Abbrechen' }).click();

    await nav().getByRole('link', { name: 'Benutzerkonten' }).click();
    await page.getByRole('button', { name: 'Neues Benutzerkonto' }).click();
    const userDialog = page.getByRole('dialog', { name: 'Benutzerkonto anlegen' });
    await userDialog.getByLabel(/^E-Mail-Adresse/).fill('k.lorenz@musterstadt.example');
    await userDialog.getByLabel(/^Name/).fill('Klara Lorenz');
    await userDialog.getByLabel(/^Passwort/).fill('kurz');
    await userDialog.getByLabel('Standesamt').check();
    await userDialog.getByRole('button', { name: 'Anlegen' }).click();
    await userDialog.getByText('Das Passwort muss mindestens 12 Zeichen lang sein.').waitFor();
    expect(await userDialog.getByLabel(/^Name/).inputValue()).toBe('Klara Lorenz');
    await expectAccessible(page, 'user dialog with a field error');
    await userDialog.getByLabel(/^Passwort/).fill('Standesamt-Trauung-2026');
    await userDialog.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('status').getByText('Benutzerkonto wurde angelegt.').waitFor();
    const row = page.getByRole('row', { name: /Klara Lorenz/ });
    await expect.poll(() => row.textContent()).toContain('Standesamt');

    await logout();
    await login(page, server.url, 'k.lorenz@musterstadt.example', 'Standesamt-Trauung-2026');
    await page.getByText('Meine Teams: Standesamt').waitFor();
    expect(await nav().getByRole('link', { name: 'Benutzerkonten' }).count()).toBe(0);
  });
});

describe('keyboard, language and errors', () => {
  it('works by keyboard alone: login, skip link, navigation', async () => {
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    const tabUntil = async (predicate: () => Promise<boolean>) => {
      for (let i = 0; i < 25 && !(await predicate()); i++) await page.keyboard.press('Tab');
      expect(await predicate()).toBe(true);
    };
    await tabUntil(() => page.getByLabel(/^E-Mail-Adresse/).evaluate((el) => el === document.activeElement));
    await page.keyboard.type(DEMO.admin);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
    // The new page's heading has the focus (issue 24, WCAG 2.4.3); a page as it loads starts with the skip link.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await tabUntil(async () => (await focused()) === 'Teams');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
  });

  it('switches the whole interface to English', async () => {
    // The language menu (issue 24, WCAG 3.2.2: it changes only when a language is chosen).
    await page.getByRole('button', { name: 'Sprache: Deutsch' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel(/^Email address/).fill(DEMO.team_lead);
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('Unassigned in my teams').waitFor();
    await expectAccessible(page, 'overview in English');
    // The English texts load on demand: a stored choice is loaded before the first render after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  it('shows an accessible 404 page for an unknown address', async () => {
    await page.goto(`${server.url}/gibt-es-nicht`);
    await page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    await expectAccessible(page, '404 page');
  });
});

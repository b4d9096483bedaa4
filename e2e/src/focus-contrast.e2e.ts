import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { boundaryProblems, focusProblems, scopeOf } from './support/control-styles.js';
import { DEMO, login } from './support/demo.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * Issue 24, WCAG 2.4.7 (focus visible) and 1.4.11 (non-text contrast), with 1.4.1 for the selected segment: on the
 * inbox with its filters and a menu, a case with its reply box, an admin's form dialog showing validation errors and
 * the public web form, in light and dark, every control found on the page is focused in turn (after a key press, as
 * a keyboard user would) and must show a ring of 2px or more with 3:1 against what surrounds it and what was there
 * before; fields, check boxes, switches and segmented controls must stand out 3:1 from their surroundings, and a
 * selected segment must differ by more than colour. See support/control-styles.ts for how each is measured.
 */
let server: RunningServer;
let browser: BrowserContext;

const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

beforeAll(async () => {
  server = await startServer({ WEBFORM_MIN_SECONDS: '0' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Problems and the kinds of control seen, over all states of one test. */
class Findings {
  readonly problems: string[] = [];
  readonly focused = new Set<string>();
  readonly boxes = new Set<string>();

  /** Focus rings and boundaries of every control in `scope` (a locator, or the whole page). */
  async measure(page: Page, where: string, scope: ReturnType<Page['locator']> | null = null): Promise<void> {
    const selector = scope ? await scopeOf(scope) : null;
    // Boundaries first: focusing every control may leave a field's dropdown open over the page.
    const boxes = await boundaryProblems(page, selector);
    const focus = await focusProblems(page, selector);
    for (const problem of [...focus.problems, ...boxes.problems]) this.problems.push(`${where}: ${problem}`);
    for (const kind of focus.kinds) this.focused.add(kind);
    for (const kind of boxes.kinds) this.boxes.add(kind);
  }

  /** One line per kind of problem (the same fault on fifty rows is one finding), with how often and one example. */
  summary(): string {
    const groups = new Map<string, string[]>();
    for (const problem of this.problems) {
      const key = problem.replace(/"[^"]*"/g, '…').replace(/[\d.]+:1/g, 'n:1');
      groups.set(key, [...(groups.get(key) ?? []), problem]);
    }
    return [...groups.values()].map((list) => `${list.length}× ${list[0]}`).join('\n');
  }

  expectKinds(focused: RegExp[], boxes: RegExp[]): void {
    for (const pattern of focused)
      expect(
        [...this.focused].some((kind) => pattern.test(kind)),
        `a focused control like ${pattern} in ${[...this.focused].join(', ')}`,
      ).toBe(true);
    for (const pattern of boxes)
      expect(
        [...this.boxes].some((kind) => pattern.test(kind)),
        `a control boundary like ${pattern} in ${[...this.boxes].join(', ')}`,
      ).toBe(true);
  }
}

async function setScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('mantine-color-scheme-value', value), scheme);
}

/** Waits for the page's heading and for loaders to go. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page
    .waitForFunction(() => !document.querySelector('.mantine-Loader-root, [aria-busy="true"]'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

/** Presses a control by keyboard (focus, then the key): no mouse, so the keyboard's focus rings stay on. */
async function press(locator: ReturnType<Page['locator']>, key = 'Enter'): Promise<void> {
  await locator.focus();
  await locator.press(key);
}

describe('focus indicators and the boundaries of controls, light and dark', () => {
  it('an agent: the inbox with its filters and the user menu, a case with the reply box', async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    const { reference } = await api.caseWithEmail();
    const page = await browser.newPage();
    await login(page, server.url, DEMO.agent);
    const findings = new Findings();
    for (const scheme of SCHEMES) {
      await setScheme(page, scheme);

      await page.goto(`${server.url}/cases?view=all`);
      await settled(page);
      await page.getByRole('table', { name: 'Vorgänge' }).locator('tbody tr').first().waitFor();
      await expectAccessible(page, `inbox, ${scheme}`);
      await findings.measure(page, `inbox, ${scheme}`);

      await press(page.getByRole('button', { name: /^Benutzermenü/ }));
      const menu = page.getByRole('menu');
      await menu.getByRole('menuitem').first().waitFor();
      await findings.measure(page, `user menu, ${scheme}`, menu);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });

      await page.goto(`${server.url}/cases/${reference}`);
      await settled(page);
      const replyBox = page.getByTestId('reply-box');
      const replyByEmail = replyBox.getByRole('radio', { name: 'Antwort per E-Mail' });
      await press(replyByEmail, 'Space');
      await press(replyBox.getByRole('button', { name: /^CC\/BCC/ }));
      await replyBox.getByRole('textbox').first().waitFor();
      await expectAccessible(page, `case with the reply box, ${scheme}`);
      await findings.measure(page, `case with the reply box, ${scheme}`);
    }
    await page.close();
    findings.expectKinds(
      [
        /^a$/, // plain links (the skip link)
        /mantine-Anchor-root/,
        /mantine-NavLink-root/,
        /mantine-Button-root\/subtle/,
        /mantine-Button-root\/light/,
        /mantine-Button-root\/default/,
        /mantine-Button-root$/, // filled, Mantine's default variant
        /mantine-ActionIcon-root/,
        /^input\[type=checkbox\]$/, // the case list's own check boxes
        /mantine-SegmentedControl-input/,
        /mantine-NativeSelect-input/,
        /mantine-TextInput-input/,
        /^textarea/,
        /\[role=menuitem\]/,
        /TagsInput/,
        /mantine-Select-input/,
      ],
      [/mantine-TextInput-input/, /mantine-NativeSelect-input/, /^textarea/, /^input\[type=checkbox\]$/, /SegmentedControl-root/],
    );
    expect(findings.problems, findings.summary()).toEqual([]);
  });

  it('an admin: a form dialog with validation errors, check boxes and a switch', async () => {
    const page = await browser.newPage();
    await browser.clearCookies();
    await login(page, server.url, DEMO.admin);
    const findings = new Findings();
    for (const scheme of SCHEMES) {
      await setScheme(page, scheme);
      await page.goto(`${server.url}/admin/users`);
      await settled(page);
      await press(page.getByRole('button', { name: /^Bearbeiten: / }).first());
      const dialog = page.getByRole('dialog');
      const name = dialog.getByLabel(/^Name/);
      await name.fill('');
      await press(dialog.getByRole('button', { name: 'Speichern' }));
      await dialog.locator('[aria-invalid="true"]').first().waitFor();
      await expectAccessible(page, `user dialog with an error, ${scheme}`);
      await findings.measure(page, `user dialog with an error, ${scheme}`, dialog);
      // The switch the other way round: both of its states must stand out.
      const active = dialog.getByRole('switch');
      const wasActive = await active.isChecked();
      await press(active, 'Space');
      expect(await active.isChecked()).toBe(!wasActive);
      await findings.measure(page, `user dialog, switch turned, ${scheme}`, dialog);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    await page.close();
    findings.expectKinds(
      [
        /mantine-TextInput-input.*\(error\)/,
        /mantine-Checkbox-input/,
        /mantine-Switch-input/,
        /mantine-NativeSelect-input/,
        /PasswordInput/,
      ],
      [/\(error\)/, /mantine-Checkbox-input/, /mantine-Switch-track/],
    );
    expect(findings.problems, findings.summary()).toEqual([]);
  });

  it('the public web form with its errors shown', async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    const findings = new Findings();
    // Light and dark, as the browser prefers (issue 18): measured both ways.
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.url}/anliegen`);
      await page.locator('h1').waitFor();
      await press(page.locator('form button[type="submit"]'));
      await page.locator('[aria-invalid="true"]').first().waitFor();
      if (scheme === 'light') await expectAccessible(page, 'web form with errors');
      await findings.measure(page, `web form with errors, ${scheme}`);
    }
    await page.close();
    findings.expectKinds(
      [/^input\[type=text\].*\(error\)/, /^select/, /^textarea/, /^input\[type=checkbox\]/, /^button/, /^a$/],
      [/\(error\)/, /^input\[type=checkbox\]/],
    );
    expect(findings.problems, findings.summary()).toEqual([]);
  });
});

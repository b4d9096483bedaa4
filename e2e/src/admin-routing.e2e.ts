import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { HttpClient } from '../../server/src/test/http-client.js';
import { DEMO, DEMO_PASSWORD, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;
let admin: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await browser.newPage();
  await login(admin, server.url, DEMO.admin);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const nav = () => admin.getByRole('navigation', { name: 'Hauptnavigation' });

describe('routing and deadlines administration', () => {
  it('adds keyword and channel routing rules and changes their order', async () => {
    // The demo town comes with routing rules; this test starts from none, so it can see the page explain that.
    const http = new HttpClient(server.url);
    await http.logIn(DEMO.admin, DEMO_PASSWORD);
    const demoRules = await http.call<{ id: number }[]>('query', 'routingRules.list', undefined);
    expect(demoRules.length).toBeGreaterThan(0);
    for (const rule of demoRules) await http.call('mutation', 'routingRules.remove', { id: rule.id });
    await nav().getByRole('link', { name: 'Weiterleitung' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Weiterleitung' }).waitFor();
    await admin.getByText('Noch keine Regeln.', { exact: false }).waitFor();
    // The page explains the order routing really follows: the chosen team, the rules, the topic's default team, none.
    expect(await admin.getByText('Noch keine Regeln.', { exact: false }).textContent()).toContain(
      'Neue Vorgänge gehen an das Standardteam ihres Themas',
    );
    expect(await admin.getByText('Sonst prüft Anliegen diese Regeln', { exact: false }).textContent()).toContain(
      'Passt keine, geht er an das Standardteam seines Themas',
    );
    await expectAccessible(admin, 'routing rules without rules');

    await admin.getByRole('button', { name: 'Neue Regel' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Regel anlegen' });
    expect(await dialog.getByLabel('Art', { exact: true }).inputValue()).toBe('keyword');
    // Too short first: the form says so and keeps the dialog open.
    await dialog.getByLabel(/^Stichwort/).fill('S');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await dialog.getByText('Bitte mindestens 2 Zeichen eingeben.').waitFor();
    await dialog.getByLabel(/^Stichwort/).fill('Sperrmüll');
    await dialog.getByLabel('Team', { exact: true }).selectOption({ label: 'Tiefbauamt' });
    await expectAccessible(admin, 'routing rule dialog');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await admin.getByRole('status').getByText('Regel wurde angelegt.').waitFor();

    await admin.getByRole('button', { name: 'Neue Regel' }).click();
    await dialog.getByLabel('Art', { exact: true }).selectOption({ label: 'Eingangskanal' });
    await dialog.getByLabel('Kanal', { exact: true }).selectOption({ label: 'Telefon' });
    await dialog.getByLabel('Team', { exact: true }).selectOption({ label: 'Bürgerbüro' });
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await admin.getByRole('status').getByText('Regel wurde angelegt.').waitFor();

    const table = admin.getByRole('table', { name: 'Weiterleitungsregeln in der Reihenfolge der Prüfung' });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('„Sperrmüll“');
    expect(await rows.nth(0).textContent()).toContain('Tiefbauamt');
    expect(await rows.nth(1).textContent()).toContain('Telefon');
    expect(await table.getByRole('button', { name: 'Regel 1 nach oben verschieben' }).isDisabled()).toBe(true);
    await expectAccessible(admin, 'routing rules');

    await table.getByRole('button', { name: 'Regel 2 nach oben verschieben' }).click();
    await admin.getByRole('status').getByText('Regel steht jetzt an Stelle 1.').waitFor();
    await expect.poll(() => rows.nth(0).textContent()).toContain('Telefon');
    expect(await rows.nth(1).textContent()).toContain('„Sperrmüll“');

    await table.getByRole('button', { name: 'Löschen: Regel 1' }).click();
    await admin.getByRole('status').getByText('Regel wurde gelöscht.').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).textContent()).toContain('„Sperrmüll“');
  });

  it('adds an SLA policy in hours, shows it in business days, and refuses the same combination twice', async () => {
    await nav().getByRole('link', { name: 'Fristen (SLA)' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Fristen (SLA)' }).waitFor();
    await expectAccessible(admin, 'SLA policies without policies');

    const dialog = admin.getByRole('dialog', { name: 'Frist anlegen' });
    const addPolicy = async () => {
      await admin.getByRole('button', { name: 'Neue Frist' }).click();
      await dialog.getByLabel('Thema').selectOption({ label: 'Lärm und Ruhestörung' });
      await dialog.getByLabel('Priorität').selectOption({ label: 'Dringend' });
      await dialog.getByLabel('Erste Antwort innerhalb von (Stunden)').fill('2');
      await dialog.getByLabel('Erledigung innerhalb von (Stunden)').fill('20,5');
    };
    await addPolicy();
    await dialog.getByText('= 2 Tage 4 Std. 30 Min.').waitFor();
    await expectAccessible(admin, 'SLA policy dialog');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await admin.getByRole('status').getByText('Frist wurde angelegt.').waitFor();
    const row = admin.getByRole('table', { name: 'Fristen' }).getByRole('row', { name: /Lärm und Ruhestörung/ });
    await expect.poll(() => row.textContent()).toContain('Dringend');
    expect(await row.textContent()).toContain('2 Std.');
    expect(await row.textContent()).toContain('2 Tage 4 Std. 30 Min.');
    await expectAccessible(admin, 'SLA policies');

    await addPolicy();
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await dialog
      .getByRole('alert')
      .getByText('Für diese Kombination aus Thema und Priorität gibt es bereits eine Frist.')
      .waitFor();
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  });

  it("sets a team's Bundesland, assignment and opening hours, with a clear message for unreadable hours", async () => {
    await nav().getByRole('link', { name: 'Teams', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    await admin.getByRole('button', { name: 'Bearbeiten: Tiefbauamt' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Team bearbeiten: Tiefbauamt' });
    expect(await dialog.getByLabel('Montag').inputValue()).toBe('08:00-16:00');
    expect(await dialog.getByLabel('Samstag').inputValue()).toBe('');

    await dialog.getByLabel('Bundesland').selectOption({ label: 'Bayern' });
    await dialog.getByLabel('Neue Vorgänge zuweisen').selectOption({ label: 'Reihum' });
    await dialog.getByLabel('Freitag').fill('08:00-12:00');
    await dialog.getByLabel('Samstag').fill('vormittags');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.getByText('Bitte im Format „08:00-12:00, 13:00-16:00“ eingeben (leer = geschlossen).').waitFor();
    expect(await dialog.getByLabel('Samstag').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(admin, 'team dialog with an error in the opening hours');

    await dialog.getByLabel('Samstag').fill('9-12');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await admin.getByRole('status').getByText('Änderungen wurden gespeichert.').waitFor();
    const row = admin.getByRole('row', { name: /Tiefbauamt/ });
    await expect.poll(() => row.textContent()).toContain('Bayern');
    expect(await row.textContent()).toContain('Reihum');

    await admin.getByRole('button', { name: 'Bearbeiten: Tiefbauamt' }).click();
    expect(await dialog.getByLabel('Freitag').inputValue()).toBe('08:00-12:00');
    expect(await dialog.getByLabel('Samstag').inputValue()).toBe('09:00-12:00');
    expect(await dialog.getByLabel('Bundesland').inputValue()).toBe('BY');
    await expectAccessible(admin, 'team dialog');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  });
});

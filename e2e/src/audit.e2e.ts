import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('audit log', () => {
  it("records an agent's read of a case; the admin finds it by the agent, and exports it as CSV", async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await api.createCitizen({
      givenName: 'Greta',
      familyName: 'Geheim',
      contacts: [{ kind: 'email', value: 'greta.geheim@example.com' }],
    });
    const created = await api.createCase({ citizenId: citizen.id, subject: 'Hundesteuer', channel: 'phone', text: 'Abmeldung' });

    // The agent opens the case in the browser: a read of personal data.
    const agent = await browser.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${created.reference}`);
    await agent.getByRole('heading', { level: 1, name: new RegExp(created.reference) }).waitFor();
    await agent.close();
    await browser.clearCookies();

    const admin = await browser.newPage();
    await login(admin, server.url, DEMO.admin);
    await admin.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Protokoll' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Protokoll' }).waitFor();

    const filters = admin.getByRole('form', { name: 'Filter' });
    await filters.getByLabel('Benutzerkonto').selectOption({ label: `Anna Schmidt (${DEMO.agent})` });
    // The actions come from the audit catalogue, by their German names.
    await filters.getByLabel('Aktion', { exact: true }).selectOption({ label: 'Vorgang angesehen' });
    await filters.getByRole('button', { name: 'Filtern' }).click();
    await admin.waitForURL(/actorId=\d+/);
    expect(new URL(admin.url()).searchParams.get('action')).toContain('case.viewed');

    const table = admin.getByRole('table', { name: 'Protokolleinträge, neueste zuerst' });
    // The case by its reference (a link to it), the action and the details in words, not codes.
    const row = table.getByRole('row', { name: new RegExp(`Vorgang ${created.reference}`) }).first();
    await row.waitFor();
    expect(await row.getByRole('link', { name: `Vorgang ${created.reference}` }).getAttribute('href')).toBe(
      `/cases/${created.reference}`,
    );
    expect(await row.textContent()).toContain('Vorgang angesehen');
    expect(await row.textContent()).not.toContain('case.viewed');
    expect(await row.textContent()).toContain('Anna Schmidt');
    // The admin sees whose data it was: the person's number, with the name looked up for the page (the log holds ids).
    expect(await row.locator('dl').textContent()).toContain(`Nr. ${citizen.id} (Greta Geheim)`);
    // Only the agent's case reads: nothing else passed the filters.
    for (const text of await table.locator('tbody tr').allTextContents()) {
      expect(text).toContain('Vorgang angesehen');
      expect(text).toContain('Anna Schmidt');
    }
    await expectAccessible(admin, 'audit log filtered by an agent');

    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'CSV exportieren' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^protokoll-\d{4}-\d\d-\d\d\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Zeit;Benutzerkonto-ID;Benutzerkonto;E-Mail;Aktion;Objekttyp;Objekt-ID;IP;Details');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain(`;Anna Schmidt;${DEMO.agent};case.viewed;case;`);
    expect(lines.some((line) => line.includes(`;case;${created.id};`))).toBe(true);
    expect(bytes.toString('utf8')).not.toContain('Geheim');
    // Said with the number exported, in the singular for one.
    const exported = lines.length - 1;
    await admin
      .getByRole('status')
      .getByText(`${exported} ${exported === 1 ? 'Eintrag wurde' : 'Einträge wurden'} exportiert.`)
      .waitFor();
    await expectAccessible(admin, 'audit log after the export');

    // Art. 15: from the data subject request to "who saw or changed this person's data?", the log filtered by them.
    await admin.goto(`${server.url}/admin/privacy?citizen=${citizen.id}`);
    await admin.getByRole('link', { name: 'Protokoll: Wer hat Daten dieser Person gesehen oder geändert?' }).click();
    await admin.waitForURL(new RegExp(`citizenId=${citizen.id}`));
    expect(
      await admin
        .getByRole('form', { name: 'Filter' })
        .getByLabel(/^Person \(Nr\.\)/)
        .inputValue(),
    ).toBe(String(citizen.id));
    await table
      .getByRole('row', { name: /Vorgang angesehen/ })
      .first()
      .waitFor();
    const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['Vorgang angesehen', 'Person angelegt']));
    // Every event in the answer is about her or her case.
    for (const text of await table.locator('tbody tr').allTextContents()) {
      expect(text.includes('Greta Geheim') || text.includes(created.reference), text).toBe(true);
    }
    await expectAccessible(admin, 'audit log filtered by a citizen');
  });
});

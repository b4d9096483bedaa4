import nodemailer from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../server/src/test/http-client.js';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, DEMO_PASSWORD, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * A case printed for the paper file (issue 16): the print view shows the case's facts, the citizen, every timeline
 * entry oldest first (an HTML mail as its text, internal notes marked) and the attachments by name; printed it has no
 * app header or navigation, and Chromium makes an A4 PDF of several pages of it.
 */
const DESK = 'buergerbuero@musterstadt.example';
const SUBJECT = 'Baumschnitt im Lindenweg';

let server: RunningServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer({ MAIL_FROM: `Bürgerservice Musterstadt <${DESK}>` }, { smtp: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A paragraph long enough that a dozen of them fill more than one A4 page. */
const paragraph = (n: number) =>
  `Eintrag ${n}: ${'Die Linde vor Hausnummer 4 ragt weit über den Gehweg, Äste hängen tief über die Fahrbahn. '.repeat(6)}`;

/** A citizen's HTML mail with a file, then replies, notes and a call: one case of a dozen entries. */
async function seedLongCase() {
  await nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort!, secure: false, ignoreTLS: true }).sendMail({
    from: 'Paula Papier <paula.papier@example.com>',
    to: DESK,
    subject: SUBJECT,
    text: 'Guten Tag, die Linde im Lindenweg muss geschnitten werden.',
    html: '<p>Guten Tag, <b>die Linde</b> im Lindenweg muss geschnitten werden.</p>',
    attachments: [{ filename: 'linde.jpg', content: Buffer.alloc(3000, 7), contentType: 'image/jpeg' }],
  });
  const api = await ApiClient.login(server.url, DEMO.agent);
  let found: { id: number; reference: string } | undefined;
  for (let tries = 0; !found && tries < 50; tries++) {
    found = (await api.listCases({ view: 'all' })).items.find((item) => item.subject === SUBJECT);
    if (!found) await new Promise((done) => setTimeout(done, 200));
  }
  if (!found) throw new Error('the mail did not open a case');
  const http = new HttpClient(server.url);
  await http.logIn(DEMO.agent, DEMO_PASSWORD);
  const texts = ['die Linde im Lindenweg muss geschnitten werden'];
  const kinds = ['note', 'reply', 'phone'] as const;
  for (let n = 1; n <= 11; n++) {
    const text = paragraph(n);
    await http.call('mutation', 'cases.addInteraction', { caseId: found.id, kind: kinds[n % 3], text });
    texts.push(`Eintrag ${n}:`);
  }
  // The timeline as the case page has it (the desk's acknowledgment of the mail among it, when it is stored).
  const timeline = (await api.caseByReference(found.reference)).timeline;
  return { reference: found.reference, texts, timeline };
}

describe('a case on paper', () => {
  it('opens the print view from the case page, shows every entry in order, hides the app when printed, makes a PDF', async () => {
    const { reference, texts, timeline } = await seedLongCase();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/cases/${reference}`);
    await page.getByRole('heading', { level: 1, name: `${reference} · ${SUBJECT}` }).waitFor();

    // "Drucken" is a link in the page header: reached by keyboard, it opens the print view in the same tab.
    await page.getByRole('link', { name: 'Drucken', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${reference}/print`);
    // Opened by its address too (a bookmark, a reload): it reads the case and the citizen itself.
    await page.reload();
    await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([`${reference} · ${SUBJECT}`]);
    expect(await page.getByRole('link', { name: 'Zurück zum Vorgang' }).getAttribute('href')).toBe(`/cases/${reference}`);

    const facts = page.getByRole('region', { name: 'Angaben zum Vorgang' });
    expect(await facts.textContent()).toContain(reference);
    const citizen = page.getByRole('region', { name: 'Person' });
    expect(await citizen.textContent()).toContain('Paula Papier');
    expect(await citizen.textContent()).toContain('paula.papier@example.com');

    // Every entry, oldest first; the mail as its text (no formatted frame); notes marked as internal.
    const entries = page.getByRole('region', { name: 'Verlauf, älteste Einträge zuerst' }).getByRole('article');
    const printed = await entries.allTextContents();
    expect(printed).toHaveLength(timeline.length);
    for (const [index, item] of timeline.entries()) {
      expect(printed[index]).toContain(item.text.trim().split('\n')[0]!.slice(0, 50));
    }
    const positions = texts.map((text) => printed.findIndex((entry) => entry.includes(text)));
    expect(positions[0]).toBe(0);
    expect(positions.every((position, index) => index === 0 || position > positions[index - 1]!)).toBe(true);
    expect(printed[0]).toMatch(/^1\. E-Mail, Eingang – /);
    expect(printed[0]).toContain('linde.jpg (image/jpeg, 3 KB)');
    expect(printed[positions[3]!]).toMatch(new RegExp(`^${positions[3]! + 1}\\. Interne Notiz – `));
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Verzeichnis der Anhänge' }).textContent()).toContain(
      'Eintrag 1linde.jpg (image/jpeg, 3 KB)',
    );
    await expectAccessible(page, 'print view at 1440 px');

    // The button opens the browser's print dialogue.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');

    // On paper: the case only, without the app's header, navigation and the print button.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).isHidden()).toBe(true);
    expect(await page.getByRole('banner').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Drucken / als PDF speichern' }).isHidden()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    await page.close();
  });
});

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchChromium } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startSmtpSink, type SmtpSink } from './support/mail.js';
import { startServer, type RunningServer } from './support/server.js';
import { sendWebform } from './support/webform.js';

/*
 * Issue 18, a mailbox that keeps data out of email: the admin switches mail without content on for a topic; an agent
 * answers with a file; the mail the real SMTP sink receives has neither the answer nor the subject, only the
 * reference and a link; the citizen opens the link, reads the answer, downloads the file (its bytes checked) and the
 * conversation as PDF and HTML. axe on the status page in light and dark, at 390 and 1440 px. Then the agent revokes
 * the links and the old one says so. One server for the file.
 */

const CITIZEN = 'mila.novak@example.com';
const TOPIC = 'Meldewesen';
const CITIZEN_TEXT = 'Ich ziehe um und brauche eine Meldebescheinigung für meinen neuen Arbeitgeber.';
const ANSWER = 'Ihre Meldebescheinigung ist ausgestellt. Sie finden sie im Anhang dieser Nachricht.';
const FILE = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 2500 }, (_, i) => (i * 31) % 256))]);

let server: RunningServer;
let sink: SmtpSink;
let chromium: Browser;
let reference: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    SMTP_URL: sink.url,
    OUTBOUND_MAIL_INTERVAL_SECONDS: '1',
    MAIL_FROM: 'Bürgerservice Musterstadt <buergerbuero@musterstadt.example>',
    WEBFORM_MIN_SECONDS: '0',
  });
  chromium = await launchChromium();
  // Mila writes through the web form about registration; her receipt names the reference.
  await sendWebform(server.url, { name: 'Mila Novak', email: CITIZEN, phone: '', text: CITIZEN_TEXT }, TOPIC);
  // The worker sends every second (expect.poll is for tests, not for beforeAll).
  for (let tries = 0; tries < 150 && received().length === 0; tries++) await sleep(100);
  reference = /\[(A-\d{4}-\d{6})\]/.exec(received()[0]!.parsed.subject ?? '')![1]!;
});
afterAll(async () => {
  await chromium?.close();
  await server?.stop();
  await sink?.close();
});

const received = () => sink.received.filter((mail) => mail.rcptTo.includes(CITIZEN));

/** A download started by pressing Enter on a focused link (keyboard alone), with its bytes. */
async function download(page: Page, link: ReturnType<Page['getByRole']>) {
  await link.focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('mail without content', () => {
  it('keeps the answer out of the mail; the citizen reads it and downloads its file on the status page', async () => {
    const staff = await chromium.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    // The admin switches it on for registration matters only.
    const admin = await staff.newPage();
    await login(admin, server.url, DEMO.admin);
    // Its settings first: a box ticked before they arrive is drawn again unticked (seen once in a full run).
    const loaded = admin.waitForResponse((response) => response.url().includes('mailbox.settings'));
    await admin.goto(`${server.url}/admin/privacy`);
    await loaded;
    const section = admin.getByRole('region', { name: 'E-Mails ohne Inhalt' });
    const topic = section.getByRole('checkbox', { name: TOPIC });
    await topic.check();
    // Saved: still on after a reload.
    await admin.waitForResponse((response) => response.url().includes('mailbox.settings'));
    await admin.reload();
    await expect.poll(() => topic.isChecked()).toBe(true);
    await expectAccessible(admin, 'privacy page with mail without content');
    await staff.clearCookies();

    // The agent answers with a file; the reply box says what the citizen will get.
    const agent = await staff.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${reference}`);
    await agent.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await agent.getByTestId('mail-without-content').waitFor();
    expect(await agent.getByTestId('mail-without-content').textContent()).toContain('E-Mails ohne Inhalt');
    expect(await agent.getByRole('button', { name: 'CC/BCC hinzufügen' }).count()).toBe(0);
    await agent.getByLabel('Dateien zum Anhängen auswählen').setInputFiles({
      name: 'Meldebescheinigung.pdf',
      mimeType: 'application/pdf',
      buffer: FILE,
    });
    await agent.getByText(/Meldebescheinigung\.pdf \(\d+ KB\)$/).waitFor();
    await agent.getByLabel('Text', { exact: true }).fill(ANSWER);
    await agent.getByRole('button', { name: 'Senden', exact: true }).click();
    await agent.getByText('Ohne Inhalt verschickt').waitFor({ timeout: 15_000 });

    // The delivered mail: reference and link, nothing of the case.
    await expect.poll(() => received().length, { timeout: 15_000 }).toBe(2);
    const { parsed, raw } = received()[1]!;
    expect(parsed.subject).toBe(`[${reference}] Neue Nachricht zu Ihrem Anliegen`);
    const delivered = `${raw.toString('utf8')}\n${parsed.text}`;
    // Neither the answer, nor the case's subject (the topic and Mila's first line), nor the file.
    for (const secret of [ANSWER.slice(0, 30), TOPIC, 'Ich ziehe um', 'Meldebescheinigung'])
      expect(delivered).not.toContain(secret);
    expect(parsed.attachments).toEqual([]);
    expect(parsed.text).toContain(reference);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/anliegen\/status\/[A-Za-z0-9_-]+)/.exec(parsed.text ?? '')![1]!;

    // The citizen opens the link from the mail, reads the answer and downloads what she needs, by keyboard.
    const citizen = await chromium.newContext({ locale: 'de-DE', acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    const status = await citizen.newPage();
    await status.goto(link);
    await status.getByText(ANSWER).waitFor();
    await status.getByText(CITIZEN_TEXT, { exact: true }).waitFor();
    const file = await download(status, status.getByRole('link', { name: 'Meldebescheinigung.pdf' }));
    expect(file.name).toBe('Meldebescheinigung.pdf');
    expect(file.bytes.equals(FILE)).toBe(true);
    const pdf = await download(status, status.getByRole('link', { name: 'Als PDF-Datei herunterladen' }));
    expect(pdf.name).toBe(`Anliegen-${reference}.pdf`);
    expect(pdf.bytes.subarray(0, 8).toString()).toBe('%PDF-1.7');
    const html = await download(status, status.getByRole('link', { name: /Als HTML-Datei herunterladen/ }));
    const document = html.bytes.toString('utf8');
    expect(document).toContain(`<title>Ihr Anliegen ${reference}: alle Nachrichten</title>`);
    expect(document).toContain(ANSWER);
    expect(document).toContain('Meldebescheinigung.pdf');

    // The page for every citizen: light and dark, phone and desktop.
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [390, 1440]) {
        const pass = await chromium.newContext({ locale: 'de-DE', colorScheme, viewport: { width, height: 900 } });
        const page = await pass.newPage();
        await page.goto(link);
        await page.getByText(ANSWER).waitFor();
        await expectAccessible(page, `status page as a mailbox, ${colorScheme}, ${width} px`);
        await pass.close();
      }
    }

    // The agent revokes the links: the one from the mail now says so and offers a new one.
    await agent.getByRole('button', { name: 'Weitere Aktionen' }).click();
    await agent.getByRole('menuitem', { name: 'Statuslinks widerrufen' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Statuslinks widerrufen' });
    await dialog.waitFor();
    await expectAccessible(agent, 'revoke status links dialog');
    await dialog.getByRole('button', { name: 'Widerrufen' }).click();
    await dialog.getByText(/Statuslinks widerrufen\. Alte Links zeigen jetzt/).waitFor();
    // The focus is on the dialog's own "Schließen" now: Enter closes it.
    await agent.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await status.reload();
    await status.getByRole('heading', { level: 1, name: 'Link gesperrt' }).waitFor();
    await status.getByRole('link', { name: 'Neuen Link anfordern' }).waitFor();
    await expectAccessible(status, 'revoked status link');
    await citizen.close();
    await staff.close();
  });
});

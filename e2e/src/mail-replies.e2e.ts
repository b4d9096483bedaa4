import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startSmtpSink, type SmtpSink } from './support/mail.js';
import { startServer, type RunningServer } from './support/server.js';

/*
 * Issue 16, complete email replies: a team signature set by the admin, a reply with files (file input, a dropped
 * file, a pasted one), CC and BCC, "Senden, wartet auf Rückmeldung"; the mail checked in a real SMTP sink. Then the
 * case forwarded to another office, whose answer comes back into the case as theirs.
 */

const DESK = 'buergerbuero@musterstadt.example';
const CITIZEN = 'lotte.lindner@example.com';
const OFFICE = 'strassenverkehr@nachbarstadt.example';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256))]);
const DROPPED = 'Gedroppt: Lageplan';
const PASTED = 'Eingefügt: Foto der Ampel';

let server: RunningServer;
let sink: SmtpSink;
let browser: BrowserContext;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer(
    {
      SMTP_URL: sink.url,
      OUTBOUND_MAIL_INTERVAL_SECONDS: '1',
      MAIL_FROM: `Bürgerservice Musterstadt <${DESK}>`,
    },
    { smtp: true },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

/** Mail into the desk's SMTP listener, as the town's mail server would deliver it. */
async function deliver(mail: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort!, secure: false, ignoreTLS: true });
  await transport.sendMail({ to: DESK, ...mail });
  transport.close();
}

const received = (to: string, subject?: RegExp) =>
  sink.received.filter((mail) => mail.rcptTo.includes(to) && (!subject || subject.test(mail.parsed.subject ?? '')));

/** Dispatches a synthetic drop (onto the reply box) or paste (into the text) carrying one file. */
async function syntheticFile(page: Page, how: 'drop' | 'paste', name: string, text: string) {
  await page.evaluate(
    ({ how, name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/plain' }));
      if (how === 'drop') {
        const box = document.querySelector('[data-testid="reply-box"]')!;
        box.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        box.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      } else {
        const textarea = document.querySelector('[data-testid="reply-box"] textarea')!;
        textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }
    },
    { how, name, text },
  );
}

describe('complete email replies', () => {
  it('signature, files, CC/BCC, send and wait; forward and the office’s answer threaded back', async () => {
    // Lotte writes to the Bürgerbüro; the acknowledgment tells us her case.
    await deliver({
      from: `Lotte Lindner <${CITIZEN}>`,
      subject: 'Ampel an der Schulstraße',
      text: 'Die Fußgängerampel an der Schulstraße schaltet nicht mehr auf Grün.',
      messageId: '<lotte.1@example.com>',
    });
    await expect.poll(() => received(CITIZEN).length, { timeout: 15_000 }).toBe(1);
    const reference = /\[(A-\d{4}-\d{6})\]/.exec(received(CITIZEN)[0]!.parsed.subject ?? '')![1]!;

    // The admin gives the Bürgerbüro a signature with placeholders.
    const admin = await browser.newPage();
    await login(admin, server.url, DEMO.admin);
    await admin.goto(`${server.url}/admin/teams`);
    await admin.getByRole('button', { name: 'Bearbeiten: Bürgerbüro' }).click();
    const signature = admin.getByLabel('E-Mail-Signatur');
    await signature.fill('Mit freundlichen Grüßen\n{Name}\n{Team}, Aktenzeichen {Aktenzeichen}');
    await expectAccessible(admin, 'team form with the email signature');
    await admin.getByRole('button', { name: 'Speichern' }).click();
    await admin.getByText('Änderungen wurden gespeichert.').waitFor();
    await admin.close();

    // The context keeps cookies: the admin's session goes before the agent signs in.
    await browser.clearCookies();
    const agent = await browser.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${reference}`);
    await agent.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    const reply = agent.getByRole('radio', { name: 'Antwort per E-Mail' });
    await expect.poll(() => reply.isChecked()).toBe(true);
    // An email reply's button says "Senden"; the signature shows as it will be appended.
    await agent.getByRole('button', { name: 'Senden', exact: true }).waitFor();
    const shownSignature = agent.getByTestId('reply-signature');
    await expect.poll(() => shownSignature.textContent()).toContain(`Bürgerbüro, Aktenzeichen ${reference}`);
    const agentName = ((await shownSignature.textContent()) ?? '').split('\n')[2]!;
    expect(agentName.length).toBeGreaterThan(2);
    await expectAccessible(agent, 'reply box for an email reply');

    // Files: by the file input, dropped onto the box, pasted into the text; one is removed again.
    await agent.getByLabel('Dateien zum Anhängen auswählen').setInputFiles({
      name: 'Bescheid Ampel.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await syntheticFile(agent, 'drop', 'lageplan.txt', DROPPED);
    await syntheticFile(agent, 'paste', 'ampel.txt', PASTED);
    const files = agent.getByRole('list', { name: 'Anhänge' });
    for (const name of ['Bescheid Ampel.pdf', 'lageplan.txt', 'ampel.txt']) await files.getByText(name).waitFor();
    await expect.poll(() => files.getByText('wird hochgeladen').count()).toBe(0);
    await agent.getByRole('button', { name: 'Anhang lageplan.txt entfernen' }).click();
    await expect.poll(() => files.getByRole('listitem').count()).toBe(2);

    // Copies: a wrong address is refused in words; then CC and BCC.
    await agent.getByRole('button', { name: 'CC/BCC hinzufügen' }).click();
    await agent.getByLabel('Text', { exact: true }).fill('Die Ampel wird morgen repariert. Den Bescheid finden Sie im Anhang.');
    await agent.getByLabel('CC (Kopie)').fill('Hausverwaltung <hv@example.org>');
    await agent.getByRole('button', { name: 'Senden', exact: true }).click();
    await agent.getByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.').waitFor();
    await expectAccessible(agent, 'reply box with files, copies and an invalid address');
    await agent.getByLabel('CC (Kopie)').fill('hv@example.org');
    await agent.getByLabel('BCC (Blindkopie)').fill('akte@musterstadt.example');

    // "Senden, wartet auf Rückmeldung" from the button's menu, by keyboard.
    await agent.getByRole('button', { name: 'Weitere Sendeoptionen' }).focus();
    await agent.keyboard.press('Enter');
    const sendAndWait = agent.getByRole('menuitem', { name: 'Senden, wartet auf Rückmeldung' });
    await sendAndWait.focus();
    await agent.keyboard.press('Enter');
    await agent.getByRole('status').getByText('Die Antwort ist gespeichert und wird per E-Mail gesendet.').waitFor();
    const api = await ApiClient.login(server.url, DEMO.agent);
    expect((await api.caseByReference(reference)).case.status).toBe('waiting_citizen');

    // The mail in the sink: headers, envelope, threading, the signature and identical bytes.
    await expect.poll(() => received(CITIZEN).length, { timeout: 15_000 }).toBe(2);
    const sent = received(CITIZEN)[1]!;
    const head = sent.raw
      .toString('latin1')
      .split('\r\n\r\n')[0]!
      .replace(/\r\n[ \t]+/g, ' ');
    expect(head).toMatch(new RegExp(`^From: .*<${DESK}>`, 'm'));
    expect(head).toMatch(new RegExp(`^To: ${CITIZEN}$`, 'm'));
    expect(head).toMatch(/^Cc: hv@example\.org$/m);
    expect(head).not.toMatch(/^Bcc:/im);
    expect(sent.rcptTo.sort()).toEqual(['akte@musterstadt.example', 'hv@example.org', CITIZEN].sort());
    const mail = await simpleParser(sent.raw);
    expect(mail.subject).toBe(`[${reference}] Ampel an der Schulstraße`);
    expect(mail.messageId).toMatch(/^<anliegen\.\d+\.[0-9a-f]{12}@musterstadt\.example>$/);
    expect(mail.inReplyTo).toBe('<lotte.1@example.com>');
    expect(mail.text).toContain(`-- \nMit freundlichen Grüßen\n${agentName}\nBürgerbüro, Aktenzeichen ${reference}`);
    expect(mail.attachments.map((file) => file.filename)).toEqual(['Bescheid Ampel.pdf', 'ampel.txt']);
    expect(Buffer.compare(mail.attachments[0]!.content, PDF)).toBe(0);
    expect(mail.attachments[1]!.content.toString()).toBe(PASTED);

    // The timeline: the sent reply with its files (downloadable) and recipients, BCC for staff only.
    const entry = agent
      .getByRole('region', { name: 'Verlauf' })
      .getByRole('listitem')
      .filter({ hasText: 'Die Ampel wird morgen' });
    await entry.getByText('gesendet', { exact: true }).waitFor({ timeout: 15_000 });
    await entry.getByText('CC: hv@example.org').waitFor();
    await entry.getByText('BCC (nur intern sichtbar): akte@musterstadt.example').waitFor();
    const link = entry.getByRole('link', { name: /Bescheid Ampel\.pdf/ });
    const download = await agent.request.get(`${server.url}${await link.getAttribute('href')}`);
    expect(Buffer.compare(Buffer.from(await download.body()), PDF)).toBe(0);
    await expectAccessible(agent, 'case with a sent reply with attachments and copies');

    // Forward the case to another office with a covering note.
    await agent.getByRole('button', { name: 'Weiterleiten', exact: true }).click();
    const dialog = agent.getByRole('dialog', { name: 'An eine andere Stelle weiterleiten' });
    await dialog.getByLabel(/E-Mail-Adresse der Stelle/).fill(OFFICE);
    await dialog.getByLabel('Begleittext (optional)').fill('Bitte prüfen Sie die Ampelschaltung, sie ist Ihre.');
    await expectAccessible(agent, 'forward dialog');
    await dialog.getByRole('button', { name: 'Weiterleiten' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => received(OFFICE).length, { timeout: 15_000 }).toBe(1);
    const forward = received(OFFICE)[0]!.parsed;
    expect(forward.subject).toBe(`[${reference}] WG: Ampel an der Schulstraße`);
    expect(forward.text).toContain('Bitte prüfen Sie die Ampelschaltung');
    expect(forward.text).toContain('Die Fußgängerampel an der Schulstraße schaltet nicht mehr auf Grün.');

    // The office answers the forward: the answer is in the case as theirs; the case still waits for Lotte.
    await deliver({
      from: `Straßenverkehrsamt Nachbarstadt <${OFFICE}>`,
      subject: `AW: ${forward.subject}`,
      text: 'Wir kümmern uns um die Ampel.',
      messageId: '<antwort.1@nachbarstadt.example>',
      inReplyTo: forward.messageId,
      references: [forward.messageId!],
    });
    const answer = agent
      .getByRole('region', { name: 'Verlauf' })
      .getByRole('listitem')
      .filter({ hasText: 'Wir kümmern uns um die Ampel.' });
    await expect
      .poll(
        async () => {
          if ((await answer.count()) === 0) await agent.reload();
          return answer.count();
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe(1);
    await answer.getByText('Externe Stelle').waitFor();
    await answer.getByText(`Antwort von ${OFFICE} auf eine Weiterleitung, nicht von der Bürgerin oder dem Bürger.`).waitFor();
    const after = await api.caseByReference(reference);
    expect(after.case.status).toBe('waiting_citizen');
    expect(after.timeline.filter((item) => !item.restricted && item.mail?.forward)).toHaveLength(1);
    await expectAccessible(agent, 'case with a forward and the office’s answer');
    await agent.close();
  });
});

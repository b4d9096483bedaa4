import nodemailer from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startSmtpSink, type SmtpSink } from './support/mail.js';
import { freePort, startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: BrowserContext;
let sink: SmtpSink;
let smtpPort: number;

beforeAll(async () => {
  sink = await startSmtpSink();
  smtpPort = await freePort();
  server = await startServer({
    SMTP_URL: sink.url,
    SMTP_LISTEN_PORT: String(smtpPort),
    OUTBOUND_MAIL_INTERVAL_SECONDS: '1',
    MAIL_FROM: 'Bürgerservice Musterstadt <buergerbuero@musterstadt.example>',
    WEBFORM_MIN_SECONDS: '0',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

const mailsTo = (address: string) =>
  sink.messages.filter((mail) => mail.to && 'text' in mail.to && mail.to.text.includes(address));

describe('every channel in one history', () => {
  it('web form → email reply → answer by mail → phone call: one case, one history', async () => {
    const citizenEmail = 'ida.imhof@example.com';

    // A citizen uses the public form, without an account.
    const citizen: Page = await browser.newPage();
    await citizen.goto(`${server.url}/anliegen`);
    await expectAccessible(citizen, 'web form');
    await citizen.getByLabel(/Ihr Name/).fill('Ida Imhof');
    await citizen.getByLabel('E-Mail-Adresse').fill(citizenEmail);
    await citizen.getByLabel('Telefonnummer').fill('0171 5550123');
    await citizen.getByLabel(/^Thema/).selectOption({ label: 'Straßen und Beleuchtung' });
    await citizen.getByLabel(/^Ihr Anliegen/).fill('Vor der Hausnummer 12 im Gartenweg ist ein tiefes Schlagloch.');
    await citizen.getByLabel(/^Anhänge/).setInputFiles({
      name: 'schlagloch.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 Foto vom Schlagloch'),
    });
    await citizen.getByLabel(/einverstanden/).check();
    await citizen.getByRole('button', { name: 'Anliegen absenden' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Vielen Dank, Ihr Anliegen ist eingegangen' }).waitFor();
    const reference = (await citizen.locator('.reference').first().textContent())!.trim();
    expect(reference).toMatch(/^A-\d{4}-\d{6}$/);
    await expectAccessible(citizen, 'web form confirmation');
    const statusUrl = (await citizen.locator('main a[href*="/anliegen/status/"]').first().getAttribute('href'))!;
    await citizen.goto(statusUrl);
    await citizen.getByRole('heading', { level: 1, name: 'Stand Ihres Anliegens' }).waitFor();
    await expectAccessible(citizen, 'status page');
    await citizen.goto(`${server.url}/anliegen/datenschutz`);
    await expectAccessible(citizen, 'privacy notice');

    // The confirmation mail is automatic (no auto-responder should answer it).
    await expect.poll(() => mailsTo(citizenEmail).length, { timeout: 15_000 }).toBe(1);
    const confirmation = mailsTo(citizenEmail)[0]!;
    expect(confirmation.subject).toContain(`[${reference}]`);
    expect(confirmation.headers.get('auto-submitted')).toBe('auto-generated');

    // An agent sees the case and replies by email.
    const agent: Page = await browser.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases?view=all`);
    await agent.getByRole('link', { name: reference }).click();
    await agent.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await agent.getByRole('textbox', { name: 'Text', exact: true }).fill('Danke für den Hinweis, der Bauhof kommt morgen.');
    await agent.getByRole('button', { name: 'Senden', exact: true }).click();
    await agent.getByRole('status').getByText('Die Antwort ist gespeichert und wird per E-Mail gesendet.').waitFor();

    await expect.poll(() => mailsTo(citizenEmail).length, { timeout: 15_000 }).toBe(2);
    const reply = mailsTo(citizenEmail)[1]!;
    expect(reply.subject).toContain(`[${reference}]`);
    expect(reply.text).toContain('der Bauhof kommt morgen');
    expect(reply.messageId).toMatch(/@musterstadt\.example>$/);
    expect(reply.inReplyTo).toBe(confirmation.messageId);
    expect(reply.references).toContain(confirmation.messageId);
    expect(reply.headers.get('auto-submitted')).toBeUndefined();

    // The citizen answers from their mail program; the answer lands in the same case.
    await nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }).sendMail({
      from: `Ida Imhof <${citizenEmail}>`,
      to: 'buergerbuero@musterstadt.example',
      subject: `Re: ${reply.subject}`,
      text: 'Vielen Dank! Das Loch ist etwa 30 cm tief.\n\n> Danke für den Hinweis, der Bauhof kommt morgen.',
      inReplyTo: reply.messageId,
      references: [confirmation.messageId!, reply.messageId!],
    });
    await agent.reload();
    await agent.getByText('Vielen Dank! Das Loch ist etwa 30 cm tief.').waitFor();

    // She calls as well: the agent captures the call by her number; her case is picked for them.
    await agent
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Anruf oder Schalterbesuch erfassen' })
      .click();
    await agent.getByRole('heading', { level: 1, name: 'Anruf oder Schalterbesuch erfassen' }).waitFor();
    await agent.getByLabel('Telefonnummer des Anrufers').fill('+49 171 5550123');
    await agent.getByLabel('Telefonnummer des Anrufers').press('Enter');
    await expect.poll(() => agent.getByRole('radio', { name: new RegExp(reference) }).isChecked()).toBe(true);
    await expectAccessible(agent, 'quick capture');
    await agent
      .getByRole('textbox', { name: 'Text', exact: true })
      .fill('Ruft an: Das Schlagloch ist inzwischen größer geworden.');
    await agent.getByRole('textbox', { name: 'Text', exact: true }).press('Control+Enter');
    await agent.getByRole('status').getByText(`Erfasst in ${reference}.`).waitFor();

    // The whole history, on every channel, in the one case.
    await agent.goto(`${server.url}/cases/${reference}`);
    const timeline = agent.getByRole('region', { name: 'Verlauf' });
    for (const text of ['Schlagloch.', 'der Bauhof kommt morgen', 'etwa 30 cm tief', 'inzwischen größer geworden']) {
      await timeline.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor();
    }
    const channels = await timeline
      .locator('li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')?.split(',')[0]));
    expect(new Set(channels)).toEqual(new Set(['Webformular', 'E-Mail', 'Telefon']));
    // The citizen's attachment is there, as a download.
    const attachment = timeline.getByRole('link', { name: /schlagloch\.pdf/ });
    const download = await agent.request.get(new URL((await attachment.getAttribute('href'))!, server.url).toString());
    expect(download.status()).toBe(200);
    expect((await download.body()).toString()).toBe('%PDF-1.4 Foto vom Schlagloch');
    expect(download.headers()['content-disposition']).toContain('attachment');
    // The quoted earlier text is folded away.
    expect(await timeline.getByText('Zitierten Text anzeigen').count()).toBeGreaterThan(0);
    await expectAccessible(agent, 'case with every channel');
    await citizen.close();
    await agent.close();
  });
});

describe('mail from another address in a case', () => {
  it('shows it plainly, and the agent adds the address to the citizen; the original downloads as .eml', async () => {
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      from: 'Jana Jung <jana.jung@example.com>',
      to: 'buergerbuero@musterstadt.example',
      subject: 'Parkausweis für Anwohner',
      text: 'Ich brauche einen Anwohnerparkausweis.',
      messageId: '<jana.1@example.com>',
    });
    await expect.poll(() => mailsTo('jana.jung@example.com').length, { timeout: 15_000 }).toBe(1);
    const reference = /\[(A-\d{4}-\d{6})\]/.exec(mailsTo('jana.jung@example.com')[0]!.subject!)![1]!;
    // Her son writes into the case from his own address.
    await smtp.sendMail({
      from: 'Jonas Jung <jonas@familie-jung.example>',
      to: 'buergerbuero@musterstadt.example',
      subject: `Re: [${reference}] Parkausweis für Anwohner`,
      text: 'Meine Mutter hat den Fahrzeugschein jetzt gefunden.',
      messageId: '<jonas.1@familie-jung.example>',
    });

    // A session of its own: the context may still hold the first test's login.
    await browser.clearCookies();
    const agent: Page = await browser.newPage();
    await login(agent, server.url, DEMO.agent);
    await agent.goto(`${server.url}/cases/${reference}`);
    const timeline = agent.getByRole('region', { name: 'Verlauf' });
    await timeline.getByText('Von anderer Adresse: Jonas Jung <jonas@familie-jung.example>').waitFor();
    await expectAccessible(agent, 'case with a mail from another address');
    await agent.getByRole('button', { name: 'Farbschema: Dunkel' }).click();
    await expectAccessible(agent, 'case with a mail from another address, dark');
    await agent.getByRole('button', { name: 'Farbschema: Hell' }).click();

    const source = timeline.getByRole('link', { name: 'Original-Mail (.eml)' }).first();
    const download = await agent.request.get(new URL((await source.getAttribute('href'))!, server.url).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('message/rfc822');
    expect((await download.body()).toString()).toContain('Message-ID:');

    await timeline.getByRole('button', { name: /^Adresse zu .* hinzufügen$/ }).click();
    await expect.poll(() => timeline.getByText(/Von anderer Adresse/).count(), { timeout: 10_000 }).toBe(0);
    await agent.getByText('jonas@familie-jung.example').first().waitFor();
    await agent.close();
  });
});

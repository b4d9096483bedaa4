import jsQRPackage from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { launchChromium } from './support/browser.js';
import { DEMO, login } from './support/demo.js';
import { startSmtpSink, type SmtpSink } from './support/mail.js';
import { startServer, type RunningServer } from './support/server.js';
import { sendWebform } from './support/webform.js';

/*
 * Issue 18, feedback after every case: an agent resolves a case; the resolution mail reaches the real SMTP sink; the
 * citizen opens its "teilweise" link (recorded at once), gives a rating of 4 and a comment; the case's timeline shows
 * it. The same from the status page of a case that got no mail (a citizen who gave only a phone number), and from a
 * counter receipt: its QR code is decoded from a screenshot (jsQR) and followed. axe on the survey's pages in light and
 * dark, at 390 and 1440 px. One server for the file.
 */

const TOPIC = 'Meldewesen';
const CITIZEN = 'jonas.weber@example.com';
// jsQR is CommonJS with ES module typings: its function is the package's `default` (at run time it is both).
const jsQR = jsQRPackage.default;
const COMMENT = 'Die Bescheinigung kam schnell, aber die Öffnungszeiten passen schlecht zu meiner Arbeit.';

let server: RunningServer;
let sink: SmtpSink;
let chromium: Browser;
let staff: BrowserContext;
let agent: Page;

/** A web form as a citizen sends it: the case's reference and the confirmation's path (the status page). */
async function submitForm(fields: { name: string; email: string; phone: string; text: string }) {
  const statusPath = await sendWebform(server.url, fields, TOPIC);
  const page = await (await fetch(`${server.url}${statusPath}`)).text();
  return { reference: /A-\d{4}-\d{6}/.exec(page)![0], statusPath };
}

const mailsTo = (address: string) => sink.received.filter((mail) => mail.rcptTo.includes(address));

/** The agent opens the case and sets it to "Erledigt" in its handling. */
async function resolve(reference: string) {
  await agent.goto(`${server.url}/cases/${reference}`);
  await agent.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
  await agent.getByLabel('Status', { exact: true }).selectOption({ label: 'Erledigt' });
  await agent.getByRole('button', { name: 'Änderungen speichern' }).click();
  await agent.getByText('Gespeichert.', { exact: true }).waitFor();
}

/** The case's timeline, once it shows the citizen's feedback. */
async function feedbackInTimeline(reference: string) {
  await agent.goto(`${server.url}/cases/${reference}`);
  const entry = agent.getByRole('listitem', { name: /^Rückmeldung der Person/ });
  await entry.waitFor();
  return (await entry.textContent()) ?? '';
}

/** axe on a survey page in light and dark, on a phone and a desktop (one window per scheme, resized). */
async function checkEveryWay(url: string, ready: (page: Page) => Promise<unknown>, label: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await chromium.newContext({ locale: 'de-DE', colorScheme });
    const page = await context.newPage();
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      await ready(page);
      await expectAccessible(page, `${label}, ${colorScheme}, ${width} px`);
    }
    await context.close();
  }
}

/**
 * The supervisor's statistics for the last 30 days (the page's default): how many survey answers came in, and the
 * satisfaction figure with its target.
 */
async function satisfactionFigures(): Promise<{ answers: number; card: string }> {
  // A context of its own: the agent's session stays as it is.
  const context = await chromium.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, server.url, DEMO.supervisor);
  await page.goto(`${server.url}/statistics`);
  const region = page.getByRole('region', { name: /^Wirkung und Ziele/ });
  const card = region.locator('[data-metric="satisfaction"]');
  await card.waitFor();
  const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
  const answers = Number(
    /(\d+) Rückmeldung/.exec(plain(await page.getByText(/Rückmeldung(en)? im Zeitraum/).textContent()))?.[1],
  );
  const result = { answers, card: plain(await card.textContent()) };
  await context.close();
  return result;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    SMTP_URL: sink.url,
    OUTBOUND_MAIL_INTERVAL_SECONDS: '1',
    MAIL_FROM: 'Bürgerservice Musterstadt <buergerbuero@musterstadt.example>',
    WEBFORM_MIN_SECONDS: '0',
  });
  chromium = await launchChromium();
  staff = await chromium.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
  agent = await staff.newPage();
  await login(agent, server.url, DEMO.agent);
});
afterAll(async () => {
  await chromium?.close();
  await server?.stop();
  await sink?.close();
});

describe('feedback after a case', () => {
  it('asks by mail when the agent resolves the case; the citizen answers from the link; the timeline shows it', async () => {
    const { reference } = await submitForm({
      name: 'Jonas Weber',
      email: CITIZEN,
      phone: '',
      text: 'Ich brauche eine Meldebescheinigung für meinen Arbeitgeber.',
    });
    const before = await satisfactionFigures();
    await resolve(reference);

    // The resolution mail, in the real SMTP sink: plain text, the question and its three links.
    await expect.poll(() => mailsTo(CITIZEN).length, { timeout: 15_000 }).toBe(2);
    const { parsed } = mailsTo(CITIZEN)[1]!;
    expect(parsed.subject).toBe(`[${reference}] Ihr Anliegen ist erledigt`);
    expect(parsed.html).toBe(false);
    expect(parsed.text).toContain('Wurde Ihr Anliegen gelöst?');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/anliegen\/rueckmeldung\/[\w-]+)\?antwort=teilweise/.exec(parsed.text ?? '')!;
    expect(parsed.text).toContain(`${link[1]}?antwort=ja`);
    expect(parsed.text).toMatch(/\/anliegen\/status\/[\w-]+/);

    // One click records "teilweise"; the rest of the form is offered.
    const citizen = await chromium.newContext({ locale: 'de-DE', viewport: { width: 390, height: 900 } });
    const page = await citizen.newPage();
    await page.goto(link[0]);
    await page.getByText('Ihre Antwort „Teilweise“ ist gespeichert.', { exact: false }).waitFor();
    expect(await page.getByRole('radio', { name: 'Teilweise' }).isChecked()).toBe(true);
    await page
      .getByRole('group', { name: /Wie zufrieden sind Sie insgesamt/ })
      .getByRole('radio', { name: '4' })
      .check();
    await page.getByLabel(/Möchten Sie uns noch etwas sagen/).fill(COMMENT);
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await page.getByText('Vielen Dank für Ihre Rückmeldung! Sie ist gespeichert.').waitFor();
    await citizen.close();

    const entry = await feedbackInTimeline(reference);
    expect(entry).toContain('Teilweise');
    expect(entry).toContain('Zufriedenheit: 4 von 5');
    expect(entry).toContain(COMMENT);
    expect(entry).toContain('über den Link in der E-Mail');

    // The survey's page, for everyone: with its answer, and with the errors of a form sent without a choice.
    await checkEveryWay(
      link[1]!,
      (survey) => survey.getByRole('button', { name: 'Rückmeldung senden' }).waitFor(),
      'survey page',
    );
    const errors = await chromium.newContext({ locale: 'de-DE' });
    const invalid = await errors.newPage();
    await invalid.goto(link[1]!);
    await invalid.getByLabel(/Möchten Sie uns noch etwas sagen/).fill('x');
    await invalid.evaluate(() => {
      for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="solved"]')) radio.checked = false;
    });
    await invalid.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await invalid.getByRole('alert').getByText('Bitte wählen Sie aus, ob Ihr Anliegen gelöst wurde.').waitFor();
    expect(await invalid.evaluate(() => document.activeElement?.id)).toBe('summary');
    await expectAccessible(invalid, 'survey page with errors');
    await errors.close();

    // The answer reaches the supervisor's statistics: one more answer in the period, and the satisfaction beside the
    // demo town's target (at least 4.0), judged in words.
    const after = await satisfactionFigures();
    expect(after.answers).toBe(before.answers + 1);
    expect(after.card).toMatch(/\d(,\d+)? von 5/);
    expect(after.card).toContain('Ziel: mindestens 4 von 5');
    // Judged once there are 10 answers in the period (the demo town may have fewer in the last 30 days).
    expect(after.card).toMatch(/Ziel erreicht|Ziel knapp verfehlt|Ziel verfehlt|Zu wenige Vorgänge, um das Ziel zu beurteilen/);
  });

  it('asks on the status page of a resolved case that got no mail', async () => {
    const { reference, statusPath } = await submitForm({
      name: 'Emine Kaya',
      email: '',
      phone: '030 5550123',
      text: 'Ich möchte meinen Wohnsitz ummelden und habe kein E-Mail-Konto.',
    });
    await resolve(reference);
    const citizen = await chromium.newContext({ locale: 'de-DE' });
    const page = await citizen.newPage();
    await page.goto(`${server.url}${statusPath}`);
    const survey = page.getByRole('region', { name: 'Ihre Rückmeldung' });
    await survey.getByRole('radio', { name: 'Ja' }).check();
    await survey.getByRole('radio', { name: '5 – sehr zufrieden' }).check();
    await survey.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await page.getByText('Vielen Dank für Ihre Rückmeldung! Sie ist gespeichert.').waitFor();
    expect(await survey.getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);
    await citizen.close();
    await checkEveryWay(
      `${server.url}${statusPath}`,
      (status) => status.getByRole('region', { name: 'Ihre Rückmeldung' }).waitFor(),
      'status page with the survey',
    );

    const entry = await feedbackInTimeline(reference);
    expect(entry).toContain('Ja');
    expect(entry).toContain('Zufriedenheit: 5 von 5');
    expect(entry).toContain('auf der Statusseite');

    // On the phone the citizen adds something: the agent takes it down ("Rückmeldung erfassen").
    await agent.getByRole('button', { name: 'Rückmeldung erfassen' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Rückmeldung erfassen' });
    expect(await dialog.getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: '4' }).check();
    await dialog.getByLabel(/Kommentar/).fill('Am Telefon: Der Termin war schnell da.');
    await expectAccessible(agent, 'dialog "Rückmeldung erfassen"');
    await dialog.getByRole('button', { name: 'Rückmeldung speichern' }).click();
    await agent.getByText('Die Rückmeldung ist gespeichert.').waitFor();
    const taken = agent.getByRole('listitem', { name: /^Rückmeldung der Person/ });
    await taken.getByText('Zufriedenheit: 4 von 5').waitFor();
    expect(await taken.textContent()).toContain('erfasst von');
    await expectAccessible(agent, 'case page with the feedback');
  });

  it('prints a counter receipt whose QR code leads to the survey', async () => {
    const { reference } = await submitForm({
      name: 'Paul Schmitt',
      email: '',
      phone: '030 5550456',
      text: 'Am Schalter: Ummeldung mit allen Unterlagen erledigt.',
    });
    await agent.goto(`${server.url}/cases/${reference}`);
    await agent.getByRole('link', { name: 'Quittung' }).click();
    const qr = agent.getByRole('img', { name: 'QR-Code mit dem Link zur Rückmeldung' });
    await qr.waitFor();
    await expectAccessible(agent, 'counter receipt');
    // The receipt alone on paper: no app header or navigation.
    await agent.emulateMedia({ media: 'print' });
    expect(await agent.getByRole('button', { name: 'Quittung drucken' }).isVisible()).toBe(false);
    await agent.emulateMedia({ media: 'screen' });

    // Decode the code as a phone's camera would see it: the screenshot's pixels (read by Chromium) through jsQR.
    const shot = (await qr.screenshot()).toString('base64');
    const decoder = await staff.newPage();
    const pixels = await decoder.evaluate(async (png) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height);
      return { width: data.width, height: data.height, rgba: Array.from(data.data) };
    }, shot);
    await decoder.close();
    const decoded = jsQR(Uint8ClampedArray.from(pixels.rgba), pixels.width, pixels.height);
    expect(decoded?.data).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/anliegen\/rueckmeldung\/[\w-]+$/);
    expect(await agent.getByText(decoded!.data, { exact: true }).count()).toBe(1);

    // The citizen scans it at home and answers.
    const citizen = await chromium.newContext({ locale: 'de-DE', viewport: { width: 390, height: 800 } });
    const page = await citizen.newPage();
    await page.goto(decoded!.data);
    await page.getByRole('radio', { name: 'Nein' }).check();
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await page.getByText('Vielen Dank für Ihre Rückmeldung! Sie ist gespeichert.').waitFor();
    await citizen.close();
    const entry = await feedbackInTimeline(reference);
    expect(entry).toContain('Nein');
    expect(entry).toContain('über den QR-Code einer Quittung');
  });
});

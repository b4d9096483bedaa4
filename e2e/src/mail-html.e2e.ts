import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { BrowserContext, Frame, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAttachment } from '../../server/src/storage/attachment-store.js';
import { recordInboundContact } from '../../server/src/modules/intake/intake.service.js';
import { ApiClient } from './support/api.js';
import { expectAccessible } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { openServerDatabase } from './support/database.js';
import { DEMO, login } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';
import { NO_ACTOR } from '../../server/src/domain/actor.js';

/**
 * A citizen's HTML mail must not make the agent's browser call the app: opening the formatted view of a hostile mail
 * sends no request to the app's origin and writes no audit row in the agent's name (it wrote "viewed" rows when
 * `<img src="/trpc/citizens.byId?…">` survived). Its own inline images still show.
 */
const DESK = 'buergerbuero@musterstadt.example';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let server: RunningServer;
let browser: BrowserContext;
let dataDir: string;
let sqlitePath: string;
let attachmentsDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'anliegen-mail-html-e2e-'));
  sqlitePath = join(dataDir, 'anliegen.sqlite');
  attachmentsDir = join(dataDir, 'attachments');
  server = await startServer(
    { SQLITE_PATH: sqlitePath, ATTACHMENTS_DIR: attachmentsDir, MAIL_FROM: `Bürgerservice Musterstadt <${DESK}>` },
    { smtp: true },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every way a mail could point into the app that we know of; each URL names itself `hostile` to be found. */
function hostileHtml(citizenId: number) {
  const app = new URL(server.url);
  const read = (n: number) => `/trpc/citizens.byId?input=${encodeURIComponent(JSON.stringify({ id: citizenId }))}&hostile=${n}`;
  return `<html><head><base href="${server.url}/"><link rel="stylesheet" href="${read(1)}">
<meta http-equiv="refresh" content="0;url=${read(2)}"><style>body{background:url(${read(3)})}</style></head>
<body background="${read(4)}"><p>Sehr geehrte Damen und Herren, die Straßenlaterne ist defekt.</p>
<img src="${read(5)}" alt="Foto"><img src="//${app.host}${read(6)}" alt="Foto"><img src="\\/\\/${app.host}${read(7)}">
<img src="&#47;trpc/citizens.byId?hostile=8"><img srcset="${read(9)} 1x, ${read(10)} 2x"><img src="  ${read(11)}">
<img src="HTTP:${read(12)}"><img src="cid:unbekannt@example.com" alt="Unbekannt">
<table background="${read(13)}"><tr><td background="${read(14)}" style="background-image:url('${read(15)}')">Zelle</td></tr></table>
<div style="background:url(${read(16)})">Stil</div><form action="${read(17)}"><input type="image" src="${read(18)}"></form>
<map name="m"><area shape="rect" coords="0,0,10,10" href="${read(19)}"></map><video poster="${read(20)}"></video>
<iframe src="${read(21)}"></iframe><object data="${read(22)}"></object><svg><image href="${read(23)}"></image></svg>
<p><a href="${read(24)}">relativ</a> <a href="  ${read(25)}">mit Leerzeichen</a> <a href="${server.url}${read(26)}">zur App</a>
<a href="java&#x09;script:fetch('${read(27)}')">Skript</a> <a href="https://www.musterstadt.example/laternen">Laternen der Stadt</a></p>
<p>Eingebettet: <img src="cid:laterne@example.com" alt="Laterne"></p></body></html>`;
}

interface Seen {
  url: string;
  fromMail: boolean;
}

/** Every request the page makes from now on; `fromMail`: made by a frame other than the app's own (the mail's). */
function watchRequests(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('request', (request: Request) => {
    seen.push({ url: request.url(), fromMail: request.frame() !== page.mainFrame() });
  });
  return seen;
}

async function auditRows() {
  const db = openServerDatabase(sqlitePath);
  try {
    return await db.selectFrom('audit_events').select(['id', 'action', 'entity_type', 'entity_id']).orderBy('id').execute();
  } finally {
    await db.destroy();
  }
}

/** The formatted view of the timeline entry with this subject, opened; its frame once loaded. */
async function openFormatted(page: Page, subject: string): Promise<Frame> {
  const entry = page.getByRole('region', { name: 'Verlauf' }).locator('li').filter({ hasText: subject });
  await entry.getByRole('button', { name: 'Formatierte Ansicht' }).click();
  const element = entry.locator('iframe[title="Formatierte Nachricht"]');
  await element.waitFor();
  const frame = (await (await element.elementHandle())!.contentFrame())!;
  await frame.waitForLoadState('load');
  await expect.poll(() => element.evaluate((node) => node.getBoundingClientRect().height)).toBeGreaterThan(50);
  return frame;
}

describe('mail HTML in the agent’s browser', () => {
  it('makes no request to the app and writes no audit row; inline images show; axe in light and dark', async () => {
    const api = await ApiClient.login(server.url, DEMO.agent);
    const citizen = await api.createCitizen({
      givenName: 'Hanna',
      familyName: 'Harmlos',
      contacts: [{ kind: 'email', value: 'hanna.harmlos@example.com' }],
    });

    // A new mail, through the SMTP listener as the town's mail server delivers it.
    await nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort!, secure: false, ignoreTLS: true }).sendMail({
      from: 'Hanna Harmlos <hanna.harmlos@example.com>',
      to: DESK,
      subject: 'Laterne defekt',
      text: 'Sehr geehrte Damen und Herren, die Straßenlaterne ist defekt.',
      html: hostileHtml(citizen.id),
      attachments: [{ filename: 'laterne.png', content: PNG, contentType: 'image/png', cid: 'laterne@example.com' }],
    });
    // Mail stored before the sanitiser was fixed: its HTML still holds URLs into the app, and a cid image.
    const db = openServerDatabase(sqlitePath);
    let reference: string;
    let logoId: number;
    try {
      const mailCase = await db
        .selectFrom('cases')
        .innerJoin('interactions', 'interactions.case_id', 'cases.id')
        .select(['cases.id', 'cases.reference', 'interactions.html_sanitized'])
        .where('cases.subject', '=', 'Laterne defekt')
        .executeTakeFirstOrThrow();
      reference = mailCase.reference;
      // What ingest stored: images only from the mail itself, links only absolute (a link to the app's own address is
      // one the server cannot tell from another site's behind a proxy: the browser drops it, see below).
      const stored = mailCase.html_sanitized!;
      expect([...stored.matchAll(/\ssrc="([^"]*)"/g)].map(([, src]) => src!.slice(0, 22))).toEqual([
        'cid:unbekannt@example.',
        'data:image/png;base64,',
      ]);
      for (const [, href] of stored.matchAll(/\shref="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/[^/]|mailto:|tel:)/);
      const sha256 = await storeAttachment(attachmentsDir, PNG);
      const old = await recordInboundContact(db, NO_ACTOR, {
        channel: 'email',
        from: { email: 'hanna.harmlos@example.com', name: 'Hanna Harmlos' },
        caseId: mailCase.id,
        subject: 'Nachtrag von früher',
        text: 'Nachtrag',
        htmlSanitized: `<p>Nachtrag mit Logo: <img src="cid:logo@example.com" alt="Logo" /></p><img src="/trpc/citizens.byId?input=${encodeURIComponent(JSON.stringify({ id: citizen.id }))}&amp;hostile=old" /><a href="/trpc/cases.byReference?hostile=old-link" target="_blank">alt</a>`,
        externalMessageId: '<nachtrag-alt@example.com>',
        attachments: [
          { filename: 'logo.png', contentType: 'image/png', sizeBytes: PNG.length, sha256, contentId: 'logo@example.com' },
        ],
      });
      logoId = (
        await db.selectFrom('attachments').select('id').where('interaction_id', '=', old.interactionId).executeTakeFirstOrThrow()
      ).id;
    } finally {
      await db.destroy();
    }

    const page = await browser.newPage();
    await login(page, server.url, DEMO.agent);
    await page.goto(`${server.url}/cases/${reference}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await page.getByRole('region', { name: 'Verlauf' }).getByText('Nachtrag', { exact: true }).waitFor();
    // Let the page settle (its own reads are audited: case.viewed), then watch.
    await page.waitForTimeout(1000);
    const auditBefore = await auditRows();
    const requests = watchRequests(page);

    const mail = await openFormatted(page, 'Laterne defekt');
    await page.waitForTimeout(1000);
    expect(requests.filter((request) => request.fromMail)).toEqual([]);
    expect(requests.filter((request) => request.url.includes('hostile'))).toEqual([]);
    expect(await auditRows()).toEqual(auditBefore);
    // The mail is there, with its inline image (a data: URL made from the cid part: no request).
    await mail.getByText('die Straßenlaterne ist defekt').waitFor();
    expect(await mail.locator('img[alt="Laterne"]').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);
    // Links: outside ones work; the one into the app has lost its target.
    expect(await mail.getByRole('link', { name: 'Laternen der Stadt' }).getAttribute('href')).toBe(
      'https://www.musterstadt.example/laternen',
    );
    expect(await mail.getByRole('link').allTextContents()).toEqual(['Laternen der Stadt']);
    expect(await mail.locator('[href*="hostile"], [src*="hostile"]').count()).toBe(0);
    await expectAccessible(page, 'formatted mail (light)');

    // The old mail: its URLs into the app are gone when shown; its cid image is its own attachment, loaded once.
    const old = await openFormatted(page, 'Nachtrag von früher');
    await expect.poll(() => old.locator('img[alt="Logo"]').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);
    await page.waitForTimeout(500);
    expect(requests.filter((request) => request.fromMail).map((request) => new URL(request.url).pathname)).toEqual([
      `/attachments/${logoId}`,
    ]);
    expect(requests.filter((request) => request.url.includes('hostile'))).toEqual([]);
    const newRows = (await auditRows()).slice(auditBefore.length);
    expect(newRows.map(({ action, entity_type, entity_id }) => ({ action, entity_type, entity_id }))).toEqual([
      { action: 'attachment.downloaded', entity_type: 'attachment', entity_id: String(logoId) },
    ]);

    await page.getByRole('button', { name: 'Farbschema: Dunkel' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark');
    await expect
      .poll(() => mail.evaluate(() => getComputedStyle(document.documentElement).backgroundColor))
      .toBe('rgb(36, 36, 36)');
    await expectAccessible(page, 'formatted mail (dark)');
    expect(requests.filter((request) => request.url.includes('hostile'))).toEqual([]);
    await page.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentBytesLimit } from '@anliegen/shared';
import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_ACTOR } from '../../domain/actor.js';
import { createApp } from '../../http/app.js';
import { createLogger } from '../../logger.js';
import { recordInboundContact } from '../../modules/intake/intake.service.js';
import { mailWithoutContent } from '../../modules/mailbox/mail-without-content.service.js';
import { issueStatusToken } from '../../modules/mailbox/status-links.service.js';
import { storeUpload } from '../../modules/uploads/uploads.service.js';
import { storeAttachment } from '../../storage/attachment-store.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { sendDueReplies } from '../email/outbound-mail.service.js';
import { removeStatusLinksFromSentMail } from './status-link.js';

/**
 * The citizen's mailbox (issue 18): mail without content (desk-wide or per category), the status page with the whole
 * conversation and its files, the conversation as PDF and HTML, new links on request and revoked links. Mail is
 * checked in a real SMTP sink; pages and downloads through the real app over HTTP. Some tests do much (a PDF, a
 * property over HTTP): they get 30 s, for two busy cores.
 */

const FROM = 'Bürgerservice Musterstadt <buergerservice@musterstadt.example>';
const PUBLIC_URL = 'https://anliegen.musterstadt.example';
const SUBJECT = 'Antrag auf Wohngeld für Familie Berg';
const CITIZEN_TEXT = 'Guten Tag, ich beantrage Wohngeld. Größe der Wohnung: 62 m². Привет из Киева.';
const REPLY_TEXT = 'Ihr Wohngeld beträgt 412,50 Euro im Monat. Der Bescheid liegt bei.';

let database: TestDatabase;
let sink: SmtpSink;
let attachmentsDir: string;
let server: Server | undefined;
let base: string;
let anna: SessionUser;
let admin: SessionUser;
let teamId: number;
let sozialamt: number;
let parks: number;

const env = (overrides: Record<string, string> = {}) =>
  testEnv({
    ATTACHMENTS_DIR: attachmentsDir,
    PUBLIC_URL,
    MAIL_FROM: FROM,
    SMTP_URL: sink.url,
    WEBFORM_RATE_LIMIT: '1000',
    ...overrides,
  });
const api = (user: SessionUser) => callerFor(database.db, user, { env: env() });
const send = () =>
  sendDueReplies(database.db, {
    transport: nodemailer.createTransport(sink.url),
    from: FROM,
    log: createLogger('silent'),
    attachmentsDir,
    publicUrl: PUBLIC_URL,
  });

async function start(overrides: Record<string, string> = {}) {
  server = createApp({ db: database.db, env: env(overrides), log: createLogger('silent'), isReady: () => true }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((resolve) => server!.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  database = await createTestDatabase();
  sink = await startSmtpSink();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-mailbox-'));
  const now = Date.now();
  teamId = (
    await database.db
      .insertInto('teams')
      .values({ name: 'Sozialamt', email_address: 'sozialamt@musterstadt.example', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const category = (name: string) =>
    database.db
      .insertInto('categories')
      .values({ name, default_team_id: teamId, retention_days: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
  sozialamt = (await category('Sozialleistungen')).id;
  parks = (await category('Bäume und Grünanlagen')).id;
  anna = await insertTestUser(database.db, {
    email: 'anna@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Schmidt',
    teamIds: [teamId],
  });
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
});
afterEach(async () => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
  await sink.close();
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

/** Berta writes to the desk about a topic, with a photo; her case and her own status link. */
async function bertasCase(categoryId: number, email = 'Berta.Berg@example.com') {
  const photo = Buffer.from('\x89PNG\r\n\x1a\n Bertas Foto');
  const sha256 = await storeAttachment(attachmentsDir, photo);
  const contact = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email, name: 'Berta Berg' },
    subject: SUBJECT,
    text: CITIZEN_TEXT,
    externalMessageId: `<${Math.random()}@example.com>`,
    categoryId,
    teamId,
    attachments: [{ filename: 'Mietvertrag.png', contentType: 'image/png', sizeBytes: photo.length, sha256 }],
  });
  const { reference } = await database.db
    .selectFrom('cases')
    .select('reference')
    .where('id', '=', contact.caseId)
    .executeTakeFirstOrThrow();
  const token = await issueStatusToken(database.db, contact.caseId);
  return { caseId: contact.caseId, messageId: contact.interactionId, reference, token, photo };
}

async function upload(filename: string, content: Buffer, contentType = 'application/pdf') {
  return storeUpload(
    database.db,
    { id: anna.id, ip: null },
    { filename, contentType, content },
    { attachmentsDir, maxBytes: attachmentBytesLimit(env().MAIL_MAX_BYTES) },
  );
}

/** Anna answers with the decision as a PDF. */
async function annaReplies(caseId: number) {
  const pdf = Buffer.from('%PDF-1.7\n Bescheid über Wohngeld');
  const file = await upload('Bescheid Wohngeld.pdf', pdf);
  const reply = await api(anna).cases.addInteraction({ caseId, kind: 'reply', text: REPLY_TEXT, uploadIds: [file.id] });
  return { ...reply, pdf };
}

const linkIn = (text: string) => {
  const url = /https:\/\/anliegen\.musterstadt\.example(\/anliegen\/status\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!url) throw new Error(`no status link in: ${text}`);
  return url;
};
const page = async (path: string) => {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, text: await response.text(), headers: response.headers };
};
const fileLinks = (html: string) => [...html.matchAll(/href="(\/anliegen\/status\/[^"]+\/anhang\/\d+)"/g)].map((m) => m[1]!);

describe('mail without content', { timeout: 30_000 }, () => {
  it('sends the citizen only the reference, a neutral subject and a working status link; the timeline keeps the reply', async () => {
    await api(admin).teams.update({
      id: teamId,
      name: 'Sozialamt',
      emailAddress: 'sozialamt@musterstadt.example',
      emailSignature: 'Mit freundlichen Grüßen\n{Name}\nSachgebiet Wohngeld, Zimmer 4711',
    });
    await api(admin).mailbox.setMailWithoutContent({ categoryId: sozialamt, enabled: true });
    const berta = await bertasCase(sozialamt);
    const reply = await annaReplies(berta.caseId);
    expect(await api(anna).mailbox.ofCase({ caseId: berta.caseId })).toEqual({ withoutContent: true });
    expect(await send()).toBe(1);

    const { raw, parsed, rcptTo } = sink.received[0]!;
    expect(rcptTo).toEqual(['berta.berg@example.com']);
    expect(parsed.subject).toBe(`[${berta.reference}] Neue Nachricht zu Ihrem Anliegen`);
    const delivered = `${raw.toString('latin1')}\n${parsed.text ?? ''}`;
    for (const secret of ['Wohngeld', '412,50', 'Bescheid', 'Zimmer 4711', 'Anna Schmidt', 'Familie Berg', 'Mietvertrag'])
      expect(delivered).not.toContain(secret);
    expect(parsed.attachments).toEqual([]);
    expect(parsed.text).toContain(berta.reference);
    expect(parsed.text).toContain('Bürgerservice Musterstadt');
    // The thread stays the citizen's (their mail client groups it), and the mail is still the agent's answer.
    expect(parsed.inReplyTo).toBeTruthy();
    expect(parsed.headers.get('auto-submitted')).toBeUndefined();

    // The link opens the status page with the answer and its file.
    await start();
    const link = linkIn(parsed.text!);
    expect(link).not.toBe(`/anliegen/status/${berta.token}`);
    const status = await page(link);
    expect(status.status).toBe(200);
    expect(status.text).toContain(REPLY_TEXT);
    expect(status.text).toContain('Bescheid Wohngeld.pdf');
    const download = await fetch(`${base}${fileLinks(status.text).find((href) => href.includes(`/anhang/`))!}`);
    expect(download.status).toBe(200);

    // The agent's timeline has the whole reply, its file, and says how it went.
    const detail = await api(anna).cases.byReference({ reference: berta.reference });
    const item = detail.timeline.find((entry) => entry.id === reply.id)!;
    expect(item.restricted).toBe(false);
    if (item.restricted) return;
    expect(item.text).toContain(REPLY_TEXT);
    expect(item.text).toContain('Zimmer 4711');
    expect(item.attachments.map((file) => file.filename)).toEqual(['Bescheid Wohngeld.pdf']);
    expect(item.mail).toMatchObject({ to: 'berta.berg@example.com', withoutContent: true });
    expect(item.deliveryStatus).toBe('sent');
    // The notice's token is nowhere in a stored text: only its hash is kept.
    const texts = await database.db.selectFrom('interactions').select('text').where('case_id', '=', berta.caseId).execute();
    expect(texts.some((row) => row.text.includes(link))).toBe(false);
  });

  it('leaves mail of other categories as it was, and the desk-wide switch covers every category', async () => {
    await api(admin).mailbox.setMailWithoutContent({ categoryId: sozialamt, enabled: true });
    const trees = await bertasCase(parks, 'carla@example.com');
    await annaReplies(trees.caseId);
    expect(await send()).toBe(1);
    const plain = sink.received[0]!.parsed;
    expect(plain.subject).toBe(`[${trees.reference}] ${SUBJECT}`);
    expect(plain.text).toContain(REPLY_TEXT);
    expect(plain.attachments.map((file) => file.filename)).toEqual(['Bescheid Wohngeld.pdf']);
    expect(await mailWithoutContent(database.db, trees.caseId)).toBe(false);

    // Desk-wide: every case, whatever its category (and a case without one).
    await api(admin).mailbox.setMailWithoutContent({ categoryId: null, enabled: true });
    expect(await mailWithoutContent(database.db, trees.caseId)).toBe(true);
    await api(admin).mailbox.setMailWithoutContent({ categoryId: sozialamt, enabled: false });
    const social = await bertasCase(sozialamt, 'dora@example.com');
    expect(await mailWithoutContent(database.db, social.caseId)).toBe(true);
    const { version } = await database.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', social.caseId)
      .executeTakeFirstOrThrow();
    await api(anna).cases.update({ id: social.caseId, version, categoryId: null });
    expect(await mailWithoutContent(database.db, social.caseId)).toBe(true);
    await annaReplies(trees.caseId);
    expect(await send()).toBe(1);
    expect(sink.received[1]!.parsed.subject).toBe(`[${trees.reference}] Neue Nachricht zu Ihrem Anliegen`);
    expect(sink.received[1]!.parsed.attachments).toEqual([]);

    // Off again: the switches and the audit log say so.
    await api(admin).mailbox.setMailWithoutContent({ categoryId: null, enabled: false });
    expect(await mailWithoutContent(database.db, trees.caseId)).toBe(false);
    expect(await api(admin).mailbox.settings()).toEqual({
      deskWide: false,
      categories: [
        { id: parks, name: 'Bäume und Grünanlagen', enabled: false },
        { id: sozialamt, name: 'Sozialleistungen', enabled: false },
      ],
    });
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'details'])
      .where('action', '=', 'category.mailWithoutContentChanged')
      .orderBy('id')
      .execute();
    expect(audit.map((row) => [row.entity_id, JSON.parse(row.details!).enabled])).toEqual([
      [String(sozialamt), true],
      [null, true],
      [String(sozialamt), false],
      [null, false],
    ]);
    // Only admins switch it; an unknown category is the client's mistake.
    await expectAppError(
      api(anna).mailbox.setMailWithoutContent({ categoryId: null, enabled: true }),
      'FORBIDDEN',
      'auth.forbidden',
    );
    await expectAppError(
      api(admin).mailbox.setMailWithoutContent({ categoryId: 99_999, enabled: true }),
      'BAD_REQUEST',
      'categories.unknown',
    );
  });

  it('refuses copies in the mode, sends receipts as they are and forwards to an office with their content', async () => {
    await api(admin).mailbox.setMailWithoutContent({ categoryId: null, enabled: true });
    const berta = await bertasCase(sozialamt);
    await expectAppError(
      api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: REPLY_TEXT, cc: ['tochter@example.com'] }),
      'BAD_REQUEST',
      'interactions.copiesWithoutContent',
    );
    expect(await database.db.selectFrom('interactions').select('id').where('direction', '=', 'outbound').execute()).toHaveLength(
      0,
    );

    // A receipt names only reference and link: it goes as composed, with the link it names.
    await start({ WEBFORM_MIN_SECONDS: '0' });
    const form = await page('/anliegen');
    const formToken = /name="formToken" value="([^"]+)"/.exec(form.text)![1]!;
    const body = new FormData();
    for (const [name, value] of Object.entries({
      formToken,
      website: '',
      name: 'Erika Muster',
      email: 'erika@example.com',
      categoryId: String(sozialamt),
      text: 'Ich brauche einen Termin wegen Grundsicherung.',
      consent: 'yes',
    }))
      body.append(name, value);
    const posted = await fetch(`${base}/anliegen`, { method: 'POST', body, redirect: 'manual' });
    expect(posted.status).toBe(303);
    const receiptToken = /\/anliegen\/status\/([A-Za-z0-9_-]+)/.exec(posted.headers.get('location')!)![1]!;

    await api(anna).cases.forwardCase({ caseId: berta.caseId, to: 'wohngeldstelle@kreis.example', note: 'Bitte prüfen.' });
    expect(await send()).toBe(2);
    const receipt = sink.received.find((mail) => mail.rcptTo.includes('erika@example.com'))!.parsed;
    expect(receipt.subject).toMatch(/\] Ihr Anliegen ist eingegangen$/);
    expect(linkIn(receipt.text!)).toBe(`/anliegen/status/${receiptToken}`);
    const forward = sink.received.find((mail) => mail.rcptTo.includes('wohngeldstelle@kreis.example'))!.parsed;
    expect(forward.text).toContain(CITIZEN_TEXT.slice(0, 30));
    expect(forward.attachments.map((file) => file.filename)).toEqual(['Mietvertrag.png']);
  });
});

describe('the status page as the citizen’s mailbox', { timeout: 30_000 }, () => {
  /** Berta's case with an answer, an internal note with a file, a forward to an office and a stranger's mail. */
  async function busyCase() {
    const berta = await bertasCase(sozialamt);
    const reply = await annaReplies(berta.caseId);
    const secret = await upload('Vermerk intern.pdf', Buffer.from('%PDF intern'));
    await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'note',
      text: 'INTERN: Einkommen nochmal prüfen',
      uploadIds: [secret.id],
    });
    await api(anna).cases.forwardCase({ caseId: berta.caseId, to: 'amt@kreis.example', note: 'WEITERGELEITET an den Kreis' });
    await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'email',
      from: { email: 'fremd@example.org', name: 'Fremde Person' },
      subject: `Re: [${berta.reference}]`,
      text: 'FREMD: Ich bin nicht Berta.',
      externalMessageId: '<fremd@example.org>',
      caseId: berta.caseId,
      // As email ingest files it: the real sender, not Berta.
      authorIsSender: true,
    });
    // The note's file and the forward's copies of Berta's and Anna's files are not hers to download.
    const files = await database.db
      .selectFrom('attachments')
      .innerJoin('interactions', 'interactions.id', 'attachments.interaction_id')
      .select(['attachments.id', 'attachments.interaction_id as interactionId'])
      .where('interactions.case_id', '=', berta.caseId)
      .execute();
    const shown = [berta.messageId, reply.id];
    const fileOf = (interactionId: number) => files.find((file) => file.interactionId === interactionId)!.id;
    expect(files).toHaveLength(5);
    return {
      ...berta,
      reply,
      visible: { [fileOf(berta.messageId)]: berta.photo, [fileOf(reply.id)]: reply.pdf } as Record<number, Buffer>,
      hidden: files.filter((file) => !shown.includes(file.interactionId)).map((file) => file.id),
    };
  }

  it('shows the whole conversation with its files, never notes, forwards or strangers’ mail', async () => {
    const berta = await busyCase();
    await start();
    const status = await page(`/anliegen/status/${berta.token}`);
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-store');
    const text = status.text;
    expect(text.indexOf(CITIZEN_TEXT)).toBeGreaterThan(0);
    expect(text.indexOf(REPLY_TEXT)).toBeGreaterThan(text.indexOf(CITIZEN_TEXT));
    for (const hidden of ['INTERN', 'Vermerk intern.pdf', 'WEITERGELEITET', 'FREMD']) expect(text).not.toContain(hidden);
    const links = fileLinks(text);
    expect(links).toHaveLength(2);
    for (const [id, bytes] of Object.entries(berta.visible)) {
      const response = await fetch(`${base}/anliegen/status/${berta.token}/anhang/${id}`);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
      expect(response.headers.get('cache-control')).toContain('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(text).toContain(`href="/anliegen/status/${berta.token}/gespraech.pdf?lang=de"`);
    expect(text).toContain(`href="/anliegen/status/${berta.token}/gespraech.html?lang=de"`);
  });

  it('serves a file of another type as application/octet-stream, never as a page', async () => {
    const berta = await bertasCase(sozialamt);
    const file = await upload('seite.html', Buffer.from('<script>alert(1)</script>'), 'text/html');
    await api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'Anbei', uploadIds: [file.id] });
    await start();
    const [link] = fileLinks((await page(`/anliegen/status/${berta.token}`)).text).slice(-1);
    const response = await fetch(`${base}${link}`);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('never hands out a file for a wrong token or a message it does not show, and never fails with a 5xx', async () => {
    const berta = await busyCase();
    const other = await bertasCase(parks, 'other@example.com');
    await api(anna).mailbox.revokeStatusLinks({ caseId: other.caseId });
    const otherLink = await issueStatusToken(database.db, other.caseId);
    // The other case's own file, which its new link (not the revoked one) rightly hands out.
    const { id: otherFile } = await database.db
      .selectFrom('attachments')
      .select('id')
      .where('interaction_id', '=', other.messageId)
      .executeTakeFirstOrThrow();
    await start();
    const visibleIds = Object.keys(berta.visible).map(Number);
    const token = fc.oneof(
      fc.constant(berta.token),
      fc.constant(other.token),
      fc.constant(otherLink),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/),
      fc.string({ maxLength: 40 }).map(encodeURIComponent),
    );
    const id = fc.oneof(
      fc.constantFrom(...visibleIds, ...berta.hidden),
      fc.integer({ min: -5, max: 2 ** 53 }).map(String),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(token, id, async (tokenValue, idValue) => {
        const response = await fetch(`${base}/anliegen/status/${tokenValue || 'x'}/anhang/${idValue}`);
        expect(response.status).toBeLessThan(500);
        const bytes = Buffer.from(await response.arrayBuffer());
        const exactId = String(idValue) === String(Number(idValue));
        const allowed = tokenValue === berta.token && visibleIds.includes(Number(idValue)) && exactId;
        const othersOwn = tokenValue === otherLink && Number(idValue) === otherFile && exactId;
        if (allowed) {
          expect(response.status).toBe(200);
          expect(bytes.equals(berta.visible[Number(idValue)]!)).toBe(true);
        } else if (othersOwn) {
          expect(response.status).toBe(200);
          expect(bytes.equals(other.photo)).toBe(true);
        } else {
          expect(response.status).not.toBe(200);
          for (const secret of [...Object.values(berta.visible), Buffer.from('%PDF intern')])
            expect(bytes.includes(secret)).toBe(false);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('gives the conversation as a self-contained HTML document and as a PDF with the text in German and Cyrillic', async () => {
    const berta = await busyCase();
    await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'email',
      from: { email: 'berta.berg@example.com' },
      subject: `Re: [${berta.reference}]`,
      text: 'Danke! <script>alert("x")</script> مرحبا',
      externalMessageId: '<danke@example.com>',
      caseId: berta.caseId,
    });
    await start();
    const htmlResponse = await fetch(`${base}/anliegen/status/${berta.token}/gespraech.html?lang=de`);
    expect(htmlResponse.status).toBe(200);
    expect(htmlResponse.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(htmlResponse.headers.get('content-disposition')).toContain(`Anliegen-${berta.reference}.html`);
    const document = await htmlResponse.text();
    expect(document).toMatch(/^<!doctype html>\n<html lang="de" dir="ltr">/);
    expect(document).toContain(`<title>Ihr Anliegen ${berta.reference}: alle Nachrichten</title>`);
    expect(document).toContain(`<h1>Ihr Anliegen ${berta.reference}: alle Nachrichten</h1>`);
    expect(document).toContain(SUBJECT);
    // In order, each a headed article; the citizen's markup is text, nothing runs, nothing is loaded.
    const order = [CITIZEN_TEXT, REPLY_TEXT, 'Danke! &lt;script&gt;'].map((part) => document.indexOf(part));
    expect(order.every((at, index) => at > 0 && (index === 0 || at > order[index - 1]!))).toBe(true);
    expect(document.match(/<article /g)).toHaveLength(3);
    expect(document).toContain('<li dir="auto">Bescheid Wohngeld.pdf (1 KB)</li>');
    expect(document).not.toMatch(/<script|\ssrc=|<link|href=/i);
    for (const hidden of ['INTERN', 'WEITERGELEITET', 'FREMD']) expect(document).not.toContain(hidden);

    const pdfResponse = await fetch(`${base}/anliegen/status/${berta.token}/gespraech.pdf?lang=de`);
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await pdfResponse.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 8)).toString()).toBe('%PDF-1.7');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const parsed = await getDocument({ data: pdf, useSystemFonts: false, isEvalSupported: false }).promise;
    const lines: string[] = [];
    for (let number = 1; number <= parsed.numPages; number++) {
      const content = await (await parsed.getPage(number)).getTextContent();
      lines.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    const text = lines.join('\n');
    expect(text).toContain(`Ihr Anliegen ${berta.reference}: alle Nachrichten`);
    expect(text).toContain('Größe der Wohnung');
    expect(text).toContain('Привет из Киева');
    expect(text).toContain('412,50 Euro');
    expect(text).toContain('Bescheid Wohngeld.pdf');
    for (const hidden of ['INTERN', 'WEITERGELEITET', 'FREMD']) expect(text).not.toContain(hidden);
    const metadata = await parsed.getMetadata();
    expect((metadata.info as { Title?: string }).Title).toBe(`Ihr Anliegen ${berta.reference}: alle Nachrichten`);

    // English on request, and nothing for a wrong link.
    expect(await (await fetch(`${base}/anliegen/status/${berta.token}/gespraech.html?lang=en`)).text()).toContain(
      `Your request ${berta.reference}: all messages`,
    );
    expect((await fetch(`${base}/anliegen/status/${'x'.repeat(32)}/gespraech.pdf`)).status).toBe(404);
  });
});

describe('new and revoked status links', { timeout: 30_000 }, () => {
  const renew = (fields: Record<string, string>, lang = 'de') =>
    fetch(`${base}/anliegen/neuer-link?lang=${lang}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
  const outgoing = () =>
    database.db.selectFrom('interactions').select(['id', 'text', 'metadata']).where('direction', '=', 'outbound').execute();

  it('mails a new link only when reference and address match, and answers the same either way', async () => {
    const berta = await bertasCase(sozialamt);
    const other = await bertasCase(parks, 'carla@example.com');
    await start();
    const form = await page('/anliegen/neuer-link');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="reference">Vorgangsnummer</label>');

    const answers = [];
    for (const fields of [
      { reference: berta.reference.replace('A-', 'a-'), email: 'other@example.com' },
      { reference: 'A-2019-999999', email: 'berta.berg@example.com' },
      { reference: berta.reference, email: 'carla@example.com' },
      { reference: other.reference, email: 'berta.berg@example.com' },
    ]) {
      const response = await renew(fields);
      answers.push([response.status, response.headers.get('location')]);
    }
    expect(await outgoing()).toHaveLength(0);
    const match = await renew({ reference: ` ${berta.reference.toLowerCase()} `, email: ' Berta.Berg@Example.COM ' });
    answers.push([match.status, match.headers.get('location')]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toEqual([303, '/anliegen/neuer-link/gesendet?lang=de']);
    const done = await page('/anliegen/neuer-link/gesendet?lang=de');
    expect(done.text).toContain('Wenn die Vorgangsnummer und die E-Mail-Adresse zusammenpassen');

    const queued = await outgoing();
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]!.metadata!)).toMatchObject({ to: 'berta.berg@example.com', automatic: true, contentFree: true });
    // Sent as composed, even in the mode without content; its link opens Berta's case.
    await api(admin).mailbox.setMailWithoutContent({ categoryId: null, enabled: true });
    expect(await send()).toBe(1);
    const mail = sink.received[0]!.parsed;
    expect(mail.subject).toBe(`[${berta.reference}] Ihr neuer Link zu Ihrem Anliegen`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const status = await page(linkIn(mail.text!));
    expect(status.status).toBe(200);
    expect(status.text).toContain(CITIZEN_TEXT);
    expect(
      await database.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'case.statusLinkRenewed').execute(),
    ).toEqual([{ entity_id: String(berta.caseId) }]);

    // At most one automatic mail per address and hour: asked again, the same answer and no mail.
    expect((await renew({ reference: berta.reference, email: 'berta.berg@example.com' })).status).toBe(303);
    expect(await outgoing()).toHaveLength(1);
    // The stored copy loses the link's secret with the receipts' housekeeping.
    expect(await removeStatusLinksFromSentMail(database.db, Date.now() + 1)).toBe(1);
    expect((await outgoing())[0]!.text).not.toContain(linkIn(mail.text!));
  });

  it('explains what is wrong with the form, and limits requests per address', async () => {
    await start({ WEBFORM_RATE_LIMIT: '2' });
    const bad = await renew({ reference: 'A-12', email: 'keine-adresse' });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain('<title>Fehler: Neuen Link zu Ihrem Anliegen anfordern</title>');
    expect(text).toContain('Bitte geben Sie die Vorgangsnummer an');
    expect(text).toContain('Bitte geben Sie eine gültige E-Mail-Adresse an.');
    expect(text).toContain('value="A-12"');
    expect((await renew({})).status).toBe(422);
    expect((await renew({ reference: 'A-2026-000001', email: 'a@example.com' })).status).toBe(429);
  });

  it('lets an agent revoke every link of a case: old links say so and offer a new one, new mails carry new links', async () => {
    const berta = await bertasCase(sozialamt);
    const second = await issueStatusToken(database.db, berta.caseId);
    await start();
    expect((await page(`/anliegen/status/${berta.token}`)).status).toBe(200);
    expect(await api(anna).mailbox.revokeStatusLinks({ caseId: berta.caseId })).toEqual({ count: 2 });
    for (const token of [berta.token, second]) {
      const revoked = await page(`/anliegen/status/${token}`);
      expect(revoked.status).toBe(410);
      expect(revoked.text).toContain('Link gesperrt');
      expect(revoked.text).toContain('href="/anliegen/neuer-link?lang=de"');
      expect(revoked.text).not.toContain(CITIZEN_TEXT);
      expect((await fetch(`${base}/anliegen/status/${token}/gespraech.html`)).status).toBe(410);
      const reply = await fetch(`${base}/anliegen/status/${token}`, {
        method: 'POST',
        body: new URLSearchParams({ text: 'Hallo?' }),
      });
      expect(reply.status).toBe(410);
    }
    const unknown = await page(`/anliegen/status/${'u'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('href="/anliegen/neuer-link?lang=de"');
    expect(
      await database.db
        .selectFrom('interactions')
        .select('id')
        .where('case_id', '=', berta.caseId)
        .where('text', '=', 'Hallo?')
        .execute(),
    ).toHaveLength(0);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'details', 'actor_id'])
      .where('action', '=', 'case.statusLinksRevoked')
      .execute();
    expect(audit).toEqual([{ entity_id: String(berta.caseId), details: JSON.stringify({ count: 2 }), actor_id: anna.id }]);

    // A mail without content after the revocation brings a link that works.
    await api(admin).mailbox.setMailWithoutContent({ categoryId: sozialamt, enabled: true });
    await annaReplies(berta.caseId);
    await send();
    expect((await page(linkIn(sink.received[0]!.parsed.text!))).status).toBe(200);
    // Nothing more to revoke than the new link.
    expect(await api(anna).mailbox.revokeStatusLinks({ caseId: berta.caseId })).toEqual({ count: 1 });
  });

  it('keeps revoking and the mode to caseworkers who may open the case', async () => {
    const berta = await bertasCase(sozialamt);
    const otherTeam = (
      await database.db
        .insertInto('teams')
        .values({ name: 'Ordnungsamt', email_address: null, created_at: 1, updated_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const outsider = await insertTestUser(database.db, {
      email: 'otto@musterstadt.example',
      role: 'agent',
      teamIds: [otherTeam],
    });
    const restricted = callerFor(database.db, outsider, { env: env({ CASE_ACCESS: 'team' }) });
    await expectAppError(restricted.mailbox.revokeStatusLinks({ caseId: berta.caseId }), 'NOT_FOUND', 'notFound');
    await expectAppError(restricted.mailbox.ofCase({ caseId: berta.caseId }), 'NOT_FOUND', 'notFound');
    const supervisor = await insertTestUser(database.db, { email: 'sina@musterstadt.example', role: 'supervisor' });
    await expectAppError(api(supervisor).mailbox.revokeStatusLinks({ caseId: berta.caseId }), 'FORBIDDEN', 'auth.forbidden');
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attachmentBytesLimit,
  MAX_COPY_RECIPIENTS,
  MAX_REPLY_ATTACHMENTS,
  renderSignature,
  UPLOAD_TTL_MS,
} from '@anliegen/shared';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_ACTOR } from '../../domain/actor.js';
import { createApp } from '../../http/app.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../../http/cookies.js';
import { createLogger } from '../../logger.js';
import { recordInboundContact } from '../../modules/intake/intake.service.js';
import { deleteExpiredUploads, storeUpload } from '../../modules/uploads/uploads.service.js';
import { attachmentPath } from '../../storage/attachment-store.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser, TEST_PASSWORD } from '../../test/callers.js';
import { HttpClient } from '../../test/http-client.js';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { caseForToken } from '../webform/webform.service.js';
import { tokenHash } from '../webform/status-link.js';
import { ingestEmail } from './ingest-email.js';
import { RETRY_DELAYS_MS, sendDueReplies } from './outbound-mail.service.js';
import { parseMail } from './parse-mail.js';

/**
 * Complete email replies (issue 16): attachments, CC/BCC, forwarding to another office and its answer threading
 * back, team signatures, "Senden und Status setzen". Outgoing mail is checked in a real SMTP sink, on the raw mail.
 */

const FROM = 'Bürgerservice Musterstadt <buergerservice@musterstadt.example>';
const DESK = 'buergerservice@musterstadt.example';
const log = createLogger('silent');

let database: TestDatabase;
let sink: SmtpSink;
let attachmentsDir: string;
let anna: SessionUser;
let bernd: SessionUser;
let teamId: number;

beforeEach(async () => {
  database = await createTestDatabase();
  sink = await startSmtpSink();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-replies-'));
  const now = Date.now();
  teamId = (
    await database.db
      .insertInto('teams')
      .values({
        name: 'Bürgerbüro',
        email_address: DESK,
        business_hours: null,
        last_assigned_user_id: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  anna = await insertTestUser(database.db, {
    email: 'anna@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Schmidt',
    teamIds: [teamId],
  });
  bernd = await insertTestUser(database.db, { email: 'bernd@musterstadt.example', role: 'agent', teamIds: [teamId] });
});
afterEach(async () => {
  await sink.close();
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

const env = () => testEnv({ ATTACHMENTS_DIR: attachmentsDir });
const api = (user: SessionUser) => callerFor(database.db, user, { env: env() });
const send = (now?: () => number) =>
  sendDueReplies(database.db, {
    transport: nodemailer.createTransport(sink.url),
    from: FROM,
    log,
    attachmentsDir,
    publicUrl: env().publicUrl,
    ...(now ? { now } : {}),
  });
const interaction = (id: number) =>
  database.db.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const caseRow = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Berta wrote to the desk; her case is the team's. */
async function bertasMail() {
  const mail = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: 'Berta.Berg@example.com', name: 'Berta Berg' },
    subject: 'Sperrmüll abholen',
    text: 'Wann wird der Sperrmüll abgeholt?',
    externalMessageId: '<first.123@example.com>',
    teamId,
  });
  const { reference } = await caseRow(mail.caseId);
  return { ...mail, reference };
}

async function upload(user: SessionUser, filename: string, content: Buffer, contentType = 'application/pdf') {
  return storeUpload(
    database.db,
    { id: user.id, ip: null },
    { filename, contentType, content },
    { attachmentsDir, maxBytes: attachmentBytesLimit(env().MAIL_MAX_BYTES) },
  );
}

/** Another office answers what they got: as a mail client would, or with only the reference in the subject. */
async function officeAnswers(headers: Record<string, string>, text: string) {
  const raw = [
    'From: Straßenverkehrsamt Nachbarstadt <amt@nachbarstadt.example>',
    `To: ${DESK}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
  ].join('\r\n');
  return ingestEmail(database.db, { attachmentsDir, publicUrl: env().publicUrl }, await parseMail(Buffer.from(raw)), {
    recipients: [DESK],
  });
}

describe('a reply with attachments and copies, in a real SMTP sink', () => {
  it('carries From/To/Cc, no Bcc header (BCC only in the envelope), the threading and the identical file bytes', async () => {
    const berta = await bertasMail();
    const admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
    await api(admin).teams.update({
      id: teamId,
      name: 'Bürgerbüro',
      emailAddress: DESK,
      emailSignature: 'Mit freundlichen Grüßen\n{Name}\n{Team} · Aktenzeichen {aktenzeichen} · {Unbekannt}',
    });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(40_000)]);
    const photo = randomBytes(3_000);
    const first = await upload(anna, 'Bescheid Sperrmüll.pdf', pdf);
    const second = await upload(anna, 'Foto "Straße".jpg', photo, 'image/jpeg');

    const reply = await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'reply',
      text: 'Am Dienstag. Den Bescheid finden Sie im Anhang.',
      cc: ['Hausverwaltung@Example.org', 'hausverwaltung@example.org'],
      bcc: ['akte@musterstadt.example'],
      uploadIds: [first.id, second.id],
    });
    expect(await send()).toBe(1);

    expect(sink.received).toHaveLength(1);
    const { raw, rcptTo, parsed } = sink.received[0]!;
    // Folded header lines unfolded (RFC 5322).
    const head = raw
      .toString('latin1')
      .split('\r\n\r\n')[0]!
      .replace(/\r\n[ \t]+/g, ' ');
    expect(head).toMatch(/^From: .*buergerservice@musterstadt\.example/m);
    expect(head).toMatch(/^To: berta\.berg@example\.com$/m);
    expect(head).toMatch(/^Cc: hausverwaltung@example\.org$/m);
    expect(head).not.toMatch(/^Bcc:/im);
    expect(head).not.toContain('akte@musterstadt.example');
    expect(rcptTo.sort()).toEqual(['akte@musterstadt.example', 'berta.berg@example.com', 'hausverwaltung@example.org']);

    // Parsed again from the raw bytes with the project's mail parser.
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(`[${berta.reference}] Sperrmüll abholen`);
    expect(mail.messageId).toMatch(/^<anliegen\.\d+\.[0-9a-f]{12}@musterstadt\.example>$/);
    expect(mail.inReplyTo).toBe('<first.123@example.com>');
    expect(mail.references).toContain('<first.123@example.com>');
    expect(mail.text).toContain('Am Dienstag.');
    // The team signature, its placeholders filled (in any case of letters); unknown ones stay.
    expect(mail.text).toContain(
      `-- \nMit freundlichen Grüßen\nAnna Schmidt\nBürgerbüro · Aktenzeichen ${berta.reference} · {Unbekannt}`,
    );
    expect(mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([
      ['Bescheid Sperrmüll.pdf', 'application/pdf'],
      ['Foto "Straße".jpg', 'image/jpeg'],
    ]);
    expect(Buffer.compare(mail.attachments[0]!.content, pdf)).toBe(0);
    expect(Buffer.compare(mail.attachments[1]!.content, photo)).toBe(0);
    expect(parsed.messageId).toBe(mail.messageId);

    // The timeline shows the sent reply with its files (downloadable like incoming ones) and its recipients.
    const detail = await api(anna).cases.byReference({ reference: berta.reference });
    const item = detail.timeline.find((entry) => entry.id === reply.id)!;
    expect(item.deliveryStatus).toBe('sent');
    expect(item.mail).toEqual({
      to: 'berta.berg@example.com',
      cc: ['hausverwaltung@example.org'],
      bcc: ['akte@musterstadt.example'],
      forward: null,
      withoutContent: false,
    });
    expect(item.attachments.map((file) => [file.filename, file.sizeBytes])).toEqual([
      ['Bescheid Sperrmüll.pdf', pdf.length],
      ['Foto "Straße".jpg', photo.length],
    ]);
    expect(item.text).toContain('-- \nMit freundlichen Grüßen\nAnna Schmidt');
    // The uploads are used up: sending them again is refused.
    await expectAppError(
      api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'Nochmal', uploadIds: [first.id] }),
      'BAD_REQUEST',
      'uploads.unavailable',
    );
  });

  it('keeps CC and BCC through a failed attempt and a manual retry', async () => {
    const berta = await bertasMail();
    const reply = await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'reply',
      text: 'Kopie an die Hausverwaltung.',
      cc: ['hv@example.org'],
      bcc: ['akte@musterstadt.example'],
    });
    let now = Date.now();
    sink.rejectNext(RETRY_DELAYS_MS.length + 1);
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      await send(() => now);
      now += RETRY_DELAYS_MS[attempt] ?? 0;
    }
    const failed = await interaction(reply.id);
    expect(failed.delivery_status).toBe('failed');
    expect(JSON.parse(failed.metadata!)).toMatchObject({ cc: ['hv@example.org'], bcc: ['akte@musterstadt.example'] });
    await api(anna).cases.retryDelivery({ interactionId: reply.id });
    expect(await send(() => now)).toBe(1);
    const { rcptTo, parsed } = sink.received[0]!;
    expect(rcptTo.sort()).toEqual(['akte@musterstadt.example', 'berta.berg@example.com', 'hv@example.org']);
    expect(parsed.cc && 'text' in parsed.cc ? parsed.cc.text : '').toBe('hv@example.org');
  });
});

describe('copies (CC/BCC) are addresses, a few of them', () => {
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const validAddress = fc
    .tuple(fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9._+-]{0,15}[a-zA-Z0-9])?$/), label, fc.constantFrom('de', 'example', 'org'))
    .filter(([local]) => !local.includes('..'))
    .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

  it('accepts addresses of every ordinary shape, stored lower-case and once', async () => {
    const berta = await bertasMail();
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(validAddress, { minLength: 1, maxLength: MAX_COPY_RECIPIENTS }), async (addresses) => {
        const reply = await api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'Kopie', cc: addresses });
        const stored = JSON.parse((await interaction(reply.id)).metadata!) as { cc?: string[] };
        const expected = [...new Set(addresses.map((address) => address.toLowerCase()))].filter(
          (address) => address !== 'berta.berg@example.com',
        );
        expect(stored.cc ?? []).toEqual(expected);
      }),
      { numRuns: 15 },
    );
  });

  it('refuses names with brackets, lists, line breaks (header injection), missing or doubled @, and too many', async () => {
    const berta = await bertasMail();
    const invalid = fc.oneof(
      validAddress.map((address) => `Hausverwaltung <${address}>`),
      fc.tuple(validAddress, validAddress).map(([a, b]) => `${a}, ${b}`),
      validAddress.map((address) => `${address}\r\nBcc: opfer@example.com`),
      validAddress.map((address) => address.replace('@', '')),
      validAddress.map((address) => address.replace('@', '@@')),
      validAddress.map((address) => `${address.split('@')[0]}@`),
      validAddress.map((address) => `${address} extra`),
    );
    await fc.assert(
      fc.asyncProperty(invalid, fc.constantFrom('cc', 'bcc'), async (address, field) => {
        await expectAppError(
          api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'x', [field]: [address] }),
          'BAD_REQUEST',
          'input.invalid',
        );
      }),
      { numRuns: 40 },
    );
    const tooMany = Array.from({ length: MAX_COPY_RECIPIENTS + 1 }, (_, i) => `kopie${i}@example.org`);
    await expectAppError(
      api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'x', bcc: tooMany }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(await database.db.selectFrom('interactions').select('id').where('direction', '=', 'outbound').execute()).toEqual([]);
  });
});

describe('uploads', () => {
  it('can only be attached by the user who uploaded them', async () => {
    const berta = await bertasMail();
    const annasFile = await upload(anna, 'Anna.pdf', Buffer.from('%PDF Anna'));
    await expectAppError(
      api(bernd).cases.addInteraction({
        caseId: berta.caseId,
        kind: 'reply',
        text: 'Mit Annas Datei',
        uploadIds: [annasFile.id],
      }),
      'BAD_REQUEST',
      'uploads.unavailable',
    );
    // Nothing was written, and Anna still has her file.
    expect(await database.db.selectFrom('interactions').select('id').where('direction', '=', 'outbound').execute()).toEqual([]);
    const sent = await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'reply',
      text: 'Mit meiner Datei',
      uploadIds: [annasFile.id],
    });
    expect(
      await database.db.selectFrom('attachments').select('filename').where('interaction_id', '=', sent.id).execute(),
    ).toEqual([{ filename: 'Anna.pdf' }]);
  });

  it('stay within the limits of incoming mail: file size, sum per mail, number per mail', async () => {
    const berta = await bertasMail();
    const small = testEnv({ ATTACHMENTS_DIR: attachmentsDir, MAIL_MAX_BYTES: '10000' });
    const limit = attachmentBytesLimit(small.MAIL_MAX_BYTES);
    const limits = { attachmentsDir, maxBytes: limit };
    await expect(
      storeUpload(
        database.db,
        { id: anna.id, ip: null },
        { filename: 'gross.bin', contentType: 'application/octet-stream', content: Buffer.alloc(limit + 1) },
        limits,
      ),
    ).rejects.toMatchObject({ appCode: 'uploads.tooLarge' });
    const parts = await Promise.all(
      [0, 1].map((i) =>
        storeUpload(
          database.db,
          { id: anna.id, ip: null },
          { filename: `teil${i}.bin`, contentType: 'application/octet-stream', content: randomBytes(limit / 2 + 10) },
          limits,
        ),
      ),
    );
    await expectAppError(
      callerFor(database.db, anna, { env: small }).cases.addInteraction({
        caseId: berta.caseId,
        kind: 'reply',
        text: 'Zu viel',
        uploadIds: parts.map((part) => part.id),
      }),
      'BAD_REQUEST',
      'uploads.tooLarge',
    );
    await expectAppError(
      api(anna).cases.addInteraction({
        caseId: berta.caseId,
        kind: 'reply',
        text: 'Zu viele',
        uploadIds: Array.from({ length: MAX_REPLY_ATTACHMENTS + 1 }, (_, i) => i + 1),
      }),
      'BAD_REQUEST',
      'input.invalid',
    );
  });

  it('go through POST /uploads for signed-in caseworkers with the CSRF token; too large is 413 with the limit', async () => {
    const server: Server = createApp({
      db: database.db,
      env: testEnv({ ATTACHMENTS_DIR: attachmentsDir, MAIL_MAX_BYTES: '10000' }),
      log,
      isReady: () => true,
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new HttpClient(baseUrl);
      await client.logIn('anna@musterstadt.example', TEST_PASSWORD);
      const post = (body: Buffer, headers: Record<string, string>) =>
        fetch(`${baseUrl}/uploads`, {
          method: 'POST',
          body,
          headers: {
            cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
            'content-type': 'application/pdf',
            'x-filename': encodeURIComponent('../../Antrag Übersicht.pdf'),
            ...headers,
          },
        });
      const csrf = { [CSRF_HEADER]: client.cookies.get(CSRF_COOKIE)! };
      expect((await post(Buffer.from('%PDF'), {})).status).toBe(403);
      const ok = await post(Buffer.from('%PDF-1.4 Antrag'), csrf);
      expect(ok.status).toBe(201);
      const stored = (await ok.json()) as { id: number; filename: string; sizeBytes: number };
      expect(stored).toMatchObject({ filename: 'Antrag Übersicht.pdf', sizeBytes: 15, contentType: 'application/pdf' });
      const tooLarge = await post(Buffer.alloc(8000), csrf);
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toEqual({
        error: { appCode: 'uploads.tooLarge', message: expect.any(String), limitBytes: attachmentBytesLimit(10000) },
      });
      const anonymous = await fetch(`${baseUrl}/uploads`, { method: 'POST', body: Buffer.from('x') });
      expect(anonymous.status).toBe(401);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('that were never sent are cleaned up after a day, their files unless another message uses them', async () => {
    const berta = await bertasMail();
    const shared = Buffer.from('%PDF gemeinsam');
    const kept = await upload(anna, 'gesendet.pdf', shared);
    const same = await upload(anna, 'liegen-gelassen.pdf', shared);
    const alone = await upload(anna, 'allein.pdf', Buffer.from('%PDF allein'));
    await api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'Anbei', uploadIds: [kept.id] });
    const fresh = await upload(bernd, 'frisch.pdf', Buffer.from('%PDF frisch'));
    const later = Date.now() + UPLOAD_TTL_MS / 2;
    expect(await deleteExpiredUploads(database.db, attachmentsDir, later)).toEqual({ uploads: 0, files: 0 });
    await database.db.updateTable('reply_uploads').set({ created_at: 0 }).where('id', 'in', [same.id, alone.id]).execute();
    expect(await deleteExpiredUploads(database.db, attachmentsDir, Date.now())).toEqual({ uploads: 2, files: 1 });
    const left = await database.db.selectFrom('reply_uploads').select('id').execute();
    expect(left.map((row) => row.id)).toEqual([fresh.id]);
    const stored = (content: string) =>
      existsSync(attachmentPath(attachmentsDir, createHash('sha256').update(content).digest('hex')));
    // The sent file's content stays (the reply uses it), the lone one is gone, the fresh upload's stays.
    expect(stored('%PDF gemeinsam')).toBe(true);
    expect(stored('%PDF allein')).toBe(false);
    expect(stored('%PDF frisch')).toBe(true);
  });
});

describe('"Senden und Status setzen"', () => {
  it('sends the reply and sets the status in one unit of work; the button of notes keeps doing just that', async () => {
    const berta = await bertasMail();
    await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'reply',
      text: 'Bitte Foto schicken.',
      thenStatus: 'waiting_citizen',
    });
    let row = await caseRow(berta.caseId);
    expect(row.status).toBe('waiting_citizen');
    expect(row.first_response_at).not.toBeNull();
    expect(row.sla_paused_at).not.toBeNull();
    await api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'Erledigt.', thenStatus: 'resolved' });
    row = await caseRow(berta.caseId);
    expect(row.status).toBe('resolved');
    expect(row.resolved_at).not.toBeNull();
    const audit = await database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'interaction.added')
      .orderBy('id')
      .execute();
    expect(audit.map((event) => JSON.parse(event.details!).thenStatus)).toEqual(['waiting_citizen', 'resolved']);
    // A refused reply (the case is gone) sets no status either: one unit.
    await expectAppError(
      api(anna).cases.addInteraction({
        caseId: berta.caseId,
        kind: 'reply',
        text: 'x',
        uploadIds: [999],
        thenStatus: 'waiting_citizen',
      }),
      'BAD_REQUEST',
      'uploads.unavailable',
    );
    expect((await caseRow(berta.caseId)).status).toBe('resolved');
  });
});

describe('forwarding to another office', () => {
  it('goes out with the reference and threads the office’s answer back into the case as theirs, not the citizen’s', async () => {
    const berta = await bertasMail();
    // The message with a file, forwarded on its own; and the whole case.
    const scan = randomBytes(2_000);
    const file = await upload(anna, 'Lageplan.pdf', scan);
    await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'note',
      text: 'Intern: nicht weitergeben',
      uploadIds: [file.id],
    });
    const note = await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'reply',
      text: 'Wir klären das.',
      uploadIds: [],
    });
    expect(await send()).toBe(1);
    const forward = await api(anna).cases.forwardCase({
      caseId: berta.caseId,
      to: 'Amt@Nachbarstadt.example',
      note: 'Bitte um Prüfung, zuständig ist Ihr Amt.',
    });
    // Wait for the citizen meanwhile, with a follow-up date.
    const { version } = await caseRow(berta.caseId);
    const followUpOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await api(anna).cases.update({ id: berta.caseId, version, status: 'waiting_citizen', followUpOn });
    expect(await send()).toBe(1);
    const sent = sink.received[1]!;
    expect(sent.rcptTo).toEqual(['amt@nachbarstadt.example']);
    expect(sent.parsed.subject).toBe(`[${berta.reference}] WG: Sperrmüll abholen`);
    expect(sent.parsed.inReplyTo).toBeUndefined();
    expect(sent.parsed.text).toContain('Bitte um Prüfung, zuständig ist Ihr Amt.');
    expect(sent.parsed.text).toContain('Wann wird der Sperrmüll abgeholt?');
    expect(sent.parsed.text).toContain('Wir klären das.');
    expect(sent.parsed.text).not.toContain('Intern: nicht weitergeben');
    const forwardId = (await interaction(forward.id)).external_message_id!;
    expect(sent.parsed.messageId).toBe(forwardId);

    const before = await caseRow(berta.caseId);
    const citizensBefore = await database.db.selectFrom('citizens').select('id').execute();
    const answer = await officeAnswers(
      {
        Subject: `AW: [${berta.reference}] WG: Sperrmüll abholen`,
        'Message-ID': '<antwort.1@nachbarstadt.example>',
        'In-Reply-To': forwardId,
        References: forwardId,
      },
      'Wir übernehmen.',
    );
    expect(answer).toMatchObject({ caseId: berta.caseId, citizenId: berta.citizenId, createdCase: false, createdCitizen: false });
    const after = await caseRow(berta.caseId);
    // Not the citizen's answer: still waiting for her, follow-up date and contact count as they were.
    expect(after.status).toBe('waiting_citizen');
    expect(after.follow_up_at).toBe(before.follow_up_at);
    expect(after.contact_count).toBe(before.contact_count);
    expect(after.sla_paused_at).toBe(before.sla_paused_at);
    // Their address is nobody's contact, and no citizen record was made for them.
    expect(await database.db.selectFrom('citizens').select('id').execute()).toEqual(citizensBefore);
    expect(
      await database.db.selectFrom('contact_points').select('id').where('normalized', '=', 'amt@nachbarstadt.example').execute(),
    ).toEqual([]);

    // By the reference in the subject alone, too; and "Wartet intern" (waiting for them) opens again.
    const { version: v2 } = await caseRow(berta.caseId);
    await api(anna).cases.update({ id: berta.caseId, version: v2, status: 'waiting_internal' });
    await officeAnswers(
      { Subject: `Ihre Anfrage ${`[${berta.reference}]`}`, 'Message-ID': '<antwort.2@nachbarstadt.example>' },
      'Nachtrag.',
    );
    expect((await caseRow(berta.caseId)).status).toBe('open');

    // The timeline: the forward with its recipient, the office's answers as theirs.
    const detail = await api(anna).cases.byReference({ reference: berta.reference });
    const forwardItem = detail.timeline.find((item) => item.id === forward.id)!;
    expect(forwardItem.mail).toMatchObject({ to: 'amt@nachbarstadt.example', forward: { kind: 'case' } });
    const answers = detail.timeline.filter((item) => item.sender?.external);
    expect(answers.map((item) => [item.sender?.address, item.sender?.otherSender, item.text])).toEqual([
      ['amt@nachbarstadt.example', false, 'Wir übernehmen.'],
      ['amt@nachbarstadt.example', false, 'Nachtrag.'],
    ]);

    // The citizen's status page shows her conversation, not the desk's exchange with the office.
    const token = 'status-token-of-berta';
    await database.db
      .insertInto('case_access_tokens')
      .values({ token_hash: tokenHash(token), case_id: berta.caseId, created_at: Date.now() })
      .execute();
    const statusPage = await caseForToken(database.db, token);
    expect(statusPage?.entries.map((entry) => entry.text)).toEqual(['Wann wird der Sperrmüll abgeholt?', 'Wir klären das.']);

    // A reply to the citizen threads under her mails only, never under the office's conversation.
    await api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'reply', text: 'Das Nachbaramt übernimmt.' });
    expect(await send()).toBe(1);
    const toBerta = sink.received[2]!.parsed;
    const threadIds = [toBerta.inReplyTo, ...(Array.isArray(toBerta.references) ? toBerta.references : [toBerta.references])];
    // It answers her mail (In-Reply-To), though our earlier reply came later; References name ours too.
    expect(toBerta.inReplyTo).toBe('<first.123@example.com>');
    expect(threadIds).toContain((await interaction(note.id)).external_message_id);
    expect(threadIds).not.toContain(forwardId);
    expect(threadIds).not.toContain('<antwort.1@nachbarstadt.example>');
    expect(note.id).toBeGreaterThan(0);
  });

  it('forwards a single message with its attachments (identical bytes); a citizen answering stays the citizen', async () => {
    const berta = await bertasMail();
    const pdf = randomBytes(5_000);
    const withFile = await upload(anna, 'Nachweis.pdf', pdf);
    const reply = await api(anna).cases.addInteraction({
      caseId: berta.caseId,
      kind: 'reply',
      text: 'Nachweis anbei.',
      uploadIds: [withFile.id],
    });
    const forward = await api(anna).cases.forwardMessage({ interactionId: reply.id, to: 'amt@nachbarstadt.example', note: '' });
    expect(await send()).toBe(2);
    const sent = sink.received.find((mail) => mail.rcptTo.includes('amt@nachbarstadt.example'))!;
    expect(sent.parsed.text).toContain('---------- Weitergeleitete Nachricht ----------');
    expect(sent.parsed.attachments.map((file) => file.filename)).toEqual(['Nachweis.pdf']);
    expect(Buffer.compare(sent.parsed.attachments[0]!.content, pdf)).toBe(0);
    expect((await interaction(forward.id)).metadata).toContain('"interactionId"');

    // Notes are never forwarded.
    const note = await api(anna).cases.addInteraction({ caseId: berta.caseId, kind: 'note', text: 'intern' });
    await expectAppError(
      api(anna).cases.forwardMessage({ interactionId: note.id, to: 'amt@nachbarstadt.example', note: '' }),
      'NOT_FOUND',
      'notFound',
    );
    // Berta answers in the same thread: her answer, as always (it reopens what waited for her).
    const { version } = await caseRow(berta.caseId);
    await api(anna).cases.update({ id: berta.caseId, version, status: 'waiting_citizen' });
    const raw = [
      'From: Berta Berg <berta.berg@example.com>',
      `To: ${DESK}`,
      `Subject: AW: [${berta.reference}] Sperrmüll abholen`,
      'Message-ID: <berta.2@example.com>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Danke!',
    ].join('\r\n');
    await ingestEmail(database.db, { attachmentsDir, publicUrl: env().publicUrl }, await parseMail(Buffer.from(raw)), {
      recipients: [DESK],
    });
    expect((await caseRow(berta.caseId)).status).toBe('open');
  });
});

describe('team signatures', () => {
  it('fill their placeholders, whatever the case of the letters, and leave unknown ones as written', () => {
    const values = {
      Name: 'Anna Schmidt',
      Team: 'Bürgerbüro',
      'Team-E-Mail': DESK,
      Aktenzeichen: 'A-2026-000001',
      Betreff: 'Laterne',
    };
    expect(renderSignature('{Name}, {team} ({TEAM-E-MAIL}) – {Aktenzeichen}: {Betreff} {Fax} {}', values)).toBe(
      `Anna Schmidt, Bürgerbüro (${DESK}) – A-2026-000001: Laterne {Fax} {}`,
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }).filter((text) => !/\{[A-Za-z-]+\}/.test(text)),
        (text) => {
          expect(renderSignature(text, values)).toBe(text);
        },
      ),
    );
  });

  it('are kept per team by admins, listed for the teams page, and cleared with an empty text', async () => {
    const admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
    await api(admin).teams.update({ id: teamId, name: 'Bürgerbüro', emailAddress: DESK, emailSignature: 'Ihr {Team}\n\n' });
    expect((await api(admin).teams.list()).find((team) => team.id === teamId)?.emailSignature).toBe('Ihr {Team}');
    // Left out: unchanged.
    await api(admin).teams.update({ id: teamId, name: 'Bürgerbüro', emailAddress: DESK });
    expect((await api(admin).teams.list()).find((team) => team.id === teamId)?.emailSignature).toBe('Ihr {Team}');
    await api(admin).teams.update({ id: teamId, name: 'Bürgerbüro', emailAddress: DESK, emailSignature: '  ' });
    expect((await api(admin).teams.list()).find((team) => team.id === teamId)?.emailSignature).toBeNull();
    await expectAppError(
      api(anna).teams.update({ id: teamId, name: 'Bürgerbüro', emailAddress: DESK, emailSignature: 'x' }),
      'FORBIDDEN',
      'auth.forbidden',
    );
  });
});

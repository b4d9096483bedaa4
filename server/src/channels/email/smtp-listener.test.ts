import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../logger.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, fillDatabase, type TestDatabase, unreachableDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import { attachmentPath } from '../../storage/attachment-store.js';
import { addInteraction } from '../../modules/cases/interactions.service.js';
import { createSmtpListener } from './smtp-listener.js';

const DESK = 'ordnungsamt@musterstadt.example';
let database: TestDatabase;
let listener: SMTPServer;
let port: number;
let attachmentsDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  await database.db
    .insertInto('teams')
    .values({ name: 'Ordnungsamt', email_address: DESK, created_at: 1, updated_at: 1 })
    .execute();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-attachments-'));
  const env = testEnv({
    MAIL_MAX_BYTES: String(64 * 1024),
    ATTACHMENTS_DIR: attachmentsDir,
    MAIL_FROM: 'Bürgerservice <buergerservice@musterstadt.example>',
  });
  listener = createSmtpListener({ db: database.db, env, log: createLogger('silent') });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.server.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

/** Sends a raw RFC 5322 message, exactly as written (encodings included). */
function sendRaw(raw: string, to = DESK, from = 'berta@example.com') {
  return transport().sendMail({ envelope: { from, to }, raw: raw.replace(/\n/g, '\r\n') });
}

/** What citizens sent (a new case's acknowledgment is an outbound interaction of its own, tested in ingest-email). */
const interactions = () =>
  database.db.selectFrom('interactions').selectAll().where('direction', '=', 'inbound').orderBy('id').execute();
const cases = () => database.db.selectFrom('cases').selectAll().orderBy('id').execute();

describe('incoming mail over SMTP', () => {
  it('stores a mail from nodemailer as a new case of the team the address belongs to', async () => {
    const info = await transport().sendMail({
      from: 'Berta Berg <berta@example.com>',
      to: DESK,
      subject: 'Falschparker',
      text: 'Seit drei Tagen steht ein Transporter in der Feuerwehrzufahrt.',
      messageId: '<falschparker.1@example.com>',
    });
    expect(info.response).toMatch(/^250/);
    const [stored] = await interactions();
    expect(stored).toMatchObject({
      channel: 'email',
      direction: 'inbound',
      external_message_id: '<falschparker.1@example.com>',
      subject: 'Falschparker',
    });
    expect(stored!.text).toBe('Seit drei Tagen steht ein Transporter in der Feuerwehrzufahrt.');
    const [created] = await cases();
    const team = await database.db.selectFrom('teams').select('id').executeTakeFirstOrThrow();
    expect(created).toMatchObject({ status: 'new', origin_channel: 'email', team_id: team.id, subject: 'Falschparker' });
    const citizen = await database.db.selectFrom('citizens').selectAll().executeTakeFirstOrThrow();
    expect(citizen).toMatchObject({ given_name: 'Berta', family_name: 'Berg', unverified: 1 });
    // And an agent reads it in the case's timeline, followed by the acknowledgment that went back to Berta.
    const agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const { timeline } = await callerFor(database.db, agent).cases.byReference({ reference: created!.reference });
    expect(timeline.map((item) => [item.channel, item.direction, item.subject, item.text])).toEqual([
      ['email', 'inbound', 'Falschparker', 'Seit drei Tagen steht ein Transporter in der Feuerwehrzufahrt.'],
      ['email', 'outbound', `[${created!.reference}] Ihr Anliegen ist eingegangen`, expect.stringContaining(created!.reference)],
    ]);
  });

  it.each([
    ['quoted-printable ISO-8859-1', 'text/plain; charset=ISO-8859-1', 'quoted-printable', 'Die Stra=DFe ist gesperrt, Gr=FC=DFe'],
    [
      'base64 Windows-1252',
      'text/plain; charset=windows-1252',
      'base64',
      Buffer.from([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x20, 0x80, 0x20, 0x84, 0x4a, 0x61, 0x93]).toString('base64'),
    ],
    ['8bit UTF-8', 'text/plain; charset=UTF-8', '8bit', 'Straße „Ja“ € Grüße'],
  ])('decodes %s', async (_name, contentType, encoding, body) => {
    await sendRaw(
      `From: berta@example.com\nTo: ${DESK}\nSubject: =?ISO-8859-1?Q?Stra=DFe?=\nMessage-ID: <enc.${encoding}@example.com>\nMIME-Version: 1.0\nContent-Type: ${contentType}\nContent-Transfer-Encoding: ${encoding}\n\n${body}\n`,
    );
    const [stored] = await interactions();
    expect(stored!.subject).toBe('Straße');
    expect(stored!.text).toMatch(/Straße/);
    if (encoding === 'base64') expect(stored!.text).toBe('Straße € „Ja“');
  });

  it('reads HTML-only mail as text and keeps a sanitised copy without scripts, remote images or tracking pixels', async () => {
    await transport().sendMail({
      from: 'berta@example.com',
      to: DESK,
      subject: 'Foto',
      html: '<p>Hallo <b>Amt</b>,</p><script>alert(1)</script><img src="https://tracker.example/p.gif" width="1" height="1"><img src="https://example.com/schild.jpg" alt="Schild"><a href="javascript:alert(2)">x</a>',
    });
    const [stored] = await interactions();
    expect(stored!.text).toMatch(/^Hallo Amt,/);
    expect(stored!.html_sanitized).toContain('<b>Amt</b>');
    expect(stored!.html_sanitized).not.toMatch(/script|alert|tracker\.example|<img/);
    expect(stored!.html_sanitized).toContain('href="https://example.com/schild.jpg"');
    expect(stored!.html_sanitized).toContain('[Bild: Schild]');
  });

  it('stores attachments on disk by content and records them with the mail', async () => {
    const content = Buffer.from('%PDF-1.4 Antrag');
    await transport().sendMail({
      from: 'berta@example.com',
      to: DESK,
      subject: 'Antrag',
      text: 'Anbei.',
      attachments: [{ filename: 'antrag.pdf', content, contentType: 'application/pdf' }],
    });
    const files = await database.db.selectFrom('attachments').selectAll().execute();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: 'antrag.pdf', content_type: 'application/pdf', size_bytes: content.length });
    expect(existsSync(attachmentPath(attachmentsDir, files[0]!.sha256))).toBe(true);
  });

  it('refuses a mail over the size limit with a clear 552 and stores nothing', async () => {
    const big = Buffer.alloc(80 * 1024, 'a');
    const error = await transport()
      .sendMail({
        from: 'berta@example.com',
        to: DESK,
        subject: 'Groß',
        text: 'x',
        attachments: [{ filename: 'gross.bin', content: big }],
      })
      .then(
        () => null,
        (e: { responseCode?: number; response?: string }) => e,
      );
    expect(error?.responseCode).toBe(552);
    expect(error?.response).toMatch(/limit/i);
    expect(await interactions()).toHaveLength(0);
  });

  it('refuses unknown recipients with 550', async () => {
    const error = await transport()
      .sendMail({ from: 'berta@example.com', to: 'niemand@musterstadt.example', subject: 'x', text: 'x' })
      .then(
        () => null,
        (e: { responseCode?: number }) => e,
      );
    expect(error?.responseCode).toBe(550);
  });

  it('threads replies by In-Reply-To/References and by the reference in the subject; others open new cases', async () => {
    const agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    await transport().sendMail({
      from: 'berta@example.com',
      to: DESK,
      subject: 'Lärm',
      text: 'Nachts laut.',
      messageId: '<laerm.1@example.com>',
    });
    const [first] = await cases();
    // Our reply goes out with a Message-ID of its own; the citizen answers it.
    const reply = await addInteraction(
      database.db,
      { id: agent.id, ip: null },
      { caseId: first!.id, kind: 'reply', text: 'Wir prüfen das.', direction: 'inbound' },
    );
    await database.db
      .updateTable('interactions')
      .set({ delivery_status: 'sent', external_message_id: '<anliegen.reply@musterstadt.example>' })
      .where('id', '=', reply.id)
      .execute();

    await transport().sendMail({
      from: 'berta@example.com',
      to: DESK,
      subject: 'Re: Lärm',
      text: 'Danke!',
      inReplyTo: '<anliegen.reply@musterstadt.example>',
      references: ['<laerm.1@example.com>', '<anliegen.reply@musterstadt.example>'],
    });
    await transport().sendMail({
      from: 'berta@example.com',
      to: DESK,
      subject: `Nachtrag [${first!.reference}]`,
      text: 'Noch ein Foto.',
    });
    await transport().sendMail({ from: 'berta@example.com', to: DESK, subject: 'Ganz anderes Thema', text: 'Sperrmüll?' });

    const all = await cases();
    expect(all).toHaveLength(2);
    const inFirst = (await interactions()).filter((i) => i.case_id === first!.id && i.direction === 'inbound').map((i) => i.text);
    expect(inFirst).toEqual(['Nachts laut.', 'Danke!', 'Noch ein Foto.']);
  });

  it('stores the same Message-ID once, and every delivery gets 250', async () => {
    const mail = { from: 'berta@example.com', to: DESK, subject: 'Doppelt', text: 'x', messageId: '<twice@example.com>' };
    const infos = await Promise.all([transport().sendMail(mail), transport().sendMail(mail), transport().sendMail(mail)]);
    for (const info of infos) expect(info.response).toMatch(/^250/);
    expect(await interactions()).toHaveLength(1);
  });

  it.each([
    ['an auto-reply (Auto-Submitted)', 'Auto-Submitted: auto-replied\nSubject: Abwesenheitsnotiz', 'berta@example.com', ''],
    ['a vacation notice (X-Autoreply)', 'X-Autoreply: yes\nSubject: Urlaub', 'berta@example.com', 'berta@example.com'],
    [
      'a delivery status notification',
      'Subject: Undelivered Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"',
      'MAILER-DAEMON@example.com',
      '',
    ],
  ])('keeps %s (250 means stored) but never acknowledges it: no mail loops', async (_name, headers, from, mailFrom) => {
    const info = await sendRaw(
      `From: ${from}\nTo: ${DESK}\n${headers}\nMessage-ID: <auto.${Math.random()}@example.com>\n\n--b\nContent-Type: text/plain\n\nIch bin im Urlaub.\n--b--\n`,
      DESK,
      mailFrom,
    );
    expect(info.response).toMatch(/^250/);
    const [stored, ...more] = await interactions();
    expect(more).toEqual([]);
    expect(JSON.parse(stored!.metadata!).machine).toMatch(/^(auto-reply|bounce)$/);
    expect(await database.db.selectFrom('interactions').where('direction', '=', 'outbound').select('id').execute()).toEqual([]);
  });

  it.skipIf(!existsSync('/usr/bin/swaks'))('accepts mail from Debian’s swaks', async () => {
    await promisify(execFile)('/usr/bin/swaks', [
      '--server',
      `127.0.0.1:${port}`,
      '--to',
      DESK,
      '--from',
      'carla@example.com',
      '--header',
      'Subject: Baum umgestürzt',
      '--header',
      'Message-Id: <swaks.1@example.com>',
      '--body',
      'Im Stadtpark liegt ein Baum auf dem Weg.',
      '--silent',
      '2',
    ]);
    const [stored] = await interactions();
    expect(stored).toMatchObject({ external_message_id: '<swaks.1@example.com>', subject: 'Baum umgestürzt' });
    expect(stored!.text).toBe('Im Stadtpark liegt ein Baum auf dem Weg.');
  });
});

describe('too many mails from one sender', () => {
  it('answers 450 past SMTP_RATE_LIMIT per hour and stores nothing of the refused mail', async () => {
    const limited = createSmtpListener({
      db: database.db,
      env: testEnv({ SMTP_RATE_LIMIT: '2', ATTACHMENTS_DIR: attachmentsDir }),
      log: createLogger('silent'),
    });
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const limitedPort = (limited.server.address() as AddressInfo).port;
    const send = (n: number) =>
      nodemailer.createTransport({ host: '127.0.0.1', port: limitedPort, secure: false, ignoreTLS: true }).sendMail({
        from: 'berta@example.com',
        to: DESK,
        subject: `Nr. ${n}`,
        text: 'Hallo',
        messageId: `<flood.${n}@example.com>`,
      });
    try {
      await send(1);
      await send(2);
      await expect(send(3)).rejects.toMatchObject({ responseCode: 450 });
      expect((await interactions()).map((row) => row.subject)).toEqual(['Nr. 1', 'Nr. 2']);
    } finally {
      await new Promise<void>((resolve) => limited.close(() => resolve()));
    }
  });
});

describe('while the database cannot store or cannot be reached', () => {
  /** The same bytes each time, as a sending server retries a queued mail (a new Date header would make it another mail). */
  const mail = (n: number) => ({
    envelope: { from: 'berta@example.com', to: DESK },
    raw: [
      'From: berta@example.com',
      `To: ${DESK}`,
      `Subject: Ausfall ${n}`,
      `Message-ID: <outage.${n}@example.com>`,
      'Date: Tue, 08 Dec 2026 09:00:00 +0100',
      'Content-Type: text/plain; charset=utf-8',
      '',
      // Long enough to need pages of its own, which a full SQLite database has none of.
      ...Array.from({ length: 80 }, (_, line) => Array.from({ length: 10 }, (_, i) => `Wort${line * 10 + i}`).join(' ')),
      '',
    ].join('\r\n'),
  });

  it('defers with 451 (the sender retries), logs it once, and stores the same mail once when tried again', async () => {
    const log = createLogger('silent');
    const errors = vi.spyOn(log, 'error');
    const outageListener = createSmtpListener({ db: database.db, env: testEnv({ ATTACHMENTS_DIR: attachmentsDir }), log });
    await new Promise<void>((resolve) => outageListener.listen(0, '127.0.0.1', resolve));
    const send = (n: number) =>
      nodemailer
        .createTransport({
          host: '127.0.0.1',
          port: (outageListener.server.address() as AddressInfo).port,
          secure: false,
          ignoreTLS: true,
        })
        .sendMail(mail(n));
    try {
      const restore = await fillDatabase(database, ['interactions']);
      await expect(send(1)).rejects.toMatchObject({ responseCode: 451 });
      await expect(send(2)).rejects.toMatchObject({ responseCode: 451 });
      expect(errors.mock.calls.map((call) => call[1])).toEqual([
        'mail deferred with 451 while the database is unavailable; senders retry',
      ]);
      expect(await interactions()).toEqual([]);
      await restore();
      // The sending server tries again, perhaps twice (its first try's answer lost): one interaction.
      expect((await send(1)).response).toMatch(/^250/);
      expect((await send(1)).response).toMatch(/^250/);
      expect((await interactions()).map((row) => row.external_message_id)).toEqual(['<outage.1@example.com>']);
    } finally {
      await new Promise<void>((resolve) => outageListener.close(() => resolve()));
    }
  });

  it('defers with 451 when PostgreSQL cannot be reached at all', async () => {
    const unreachable = await unreachableDatabase();
    const cut = createSmtpListener({
      db: unreachable.db,
      env: testEnv({ ATTACHMENTS_DIR: attachmentsDir }),
      log: createLogger('silent'),
    });
    await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve));
    try {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: (cut.server.address() as AddressInfo).port,
        secure: false,
        ignoreTLS: true,
      });
      await expect(transport.sendMail(mail(3))).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await new Promise<void>((resolve) => cut.close(() => resolve()));
      await unreachable.db.destroy();
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pino } from 'pino';
import type { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { sendRawSmtp } from '../../test/raw-smtp.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { attachmentPath } from '../../storage/attachment-store.js';
import { caseForToken, submitWebform } from '../webform/webform.service.js';
import { eraseCitizen } from '../../modules/privacy/export.service.js';
import { createSmtpListener } from './smtp-listener.js';

/**
 * Mail as the real world sends it, through the real SMTP listener, with messages constructed here: who wrote it
 * (issue 14, items 1–4) and whom we answer (item 10). Both databases run this file.
 */
const DESK = 'ordnungsamt@musterstadt.example';
let database: TestDatabase;
let listener: SMTPServer;
let port: number;
let attachmentsDir: string;
let agent: SessionUser;

beforeEach(async () => {
  database = await createTestDatabase();
  await database.db
    .insertInto('teams')
    .values({ name: 'Ordnungsamt', email_address: DESK, created_at: 1, updated_at: 1 })
    .execute();
  agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-real-mail-'));
  listener = createSmtpListener({
    db: database.db,
    env: testEnv({ ATTACHMENTS_DIR: attachmentsDir, MAIL_FROM: 'Bürgerservice <buergerservice@musterstadt.example>' }),
    log: createLogger('silent'),
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.server.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

/** A message from header lines and a body; `mailFrom` '' is the null sender <>. */
function send(headers: string[], body: string, mailFrom = 'berta@example.com') {
  return sendRawSmtp(port, [...headers, `To: ${DESK}`, '', body].join('\r\n'), { mailFrom, rcptTo: [DESK] });
}

const inbound = () =>
  database.db.selectFrom('interactions').selectAll().where('direction', '=', 'inbound').orderBy('id').execute();
const outbound = () =>
  database.db.selectFrom('interactions').selectAll().where('direction', '=', 'outbound').orderBy('id').execute();
const caseOf = (id: number) => database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const metadataOf = (row: { metadata: string | null }) => JSON.parse(row.metadata ?? '{}') as Record<string, string>;

/** Berta's first mail: a new case of hers, acknowledged. */
async function bertasCase() {
  const reply = await send(
    ['From: Berta Berg <berta@example.com>', 'Subject: Lärm in der Nacht', 'Message-ID: <laerm.1@example.com>'],
    'Nachts ist es laut.',
  );
  expect(reply.code).toBe(250);
  const [first] = await inbound();
  return caseOf(first!.case_id);
}

describe('who wrote it: the author of every mail is its real sender', () => {
  it.each([
    ['the reference in the subject', (reference: string) => [`Subject: Re: [${reference}] Lärm`]],
    ['In-Reply-To', () => ['Subject: Re: Lärm', 'In-Reply-To: <laerm.1@example.com>']],
  ])('a stranger who threads onto a case by %s writes as themselves, not as the citizen', async (_how, threading) => {
    const berta = await bertasCase();
    const sentBefore = (await outbound()).length;
    const reply = await send(
      ['From: Xaver Fremd <xaver@fremd.example>', 'Message-ID: <fremd.1@fremd.example>', ...threading(berta.reference)],
      'Ich möchte den Stand wissen.',
      'xaver@fremd.example',
    );
    expect(reply.code).toBe(250);
    const [, stranger] = await inbound();
    expect(stranger).toMatchObject({ case_id: berta.id, text: 'Ich möchte den Stand wissen.' });
    expect(stranger!.citizen_id).not.toBe(berta.citizen_id);
    expect(metadataOf(stranger!)).toMatchObject({ from: 'xaver@fremd.example', fromName: 'Xaver Fremd' });
    const author = await database.db
      .selectFrom('contact_points')
      .select(['citizen_id', 'normalized'])
      .where('citizen_id', '=', stranger!.citizen_id)
      .execute();
    expect(author).toEqual([{ citizen_id: stranger!.citizen_id, normalized: 'xaver@fremd.example' }]);
    // Nothing of the case goes to the stranger's address: no acknowledgment, no status link.
    expect((await outbound()).length).toBe(sentBefore);
    expect((await outbound()).every((mail) => metadataOf(mail).to !== 'xaver@fremd.example')).toBe(true);
    // The agent sees it plainly.
    const detail = await callerFor(database.db, agent).cases.byReference({ reference: berta.reference });
    const item = detail.timeline.find((entry) => entry.id === stranger!.id);
    expect(item && !item.restricted && item.sender).toMatchObject({ address: 'xaver@fremd.example', otherSender: true });
    const own = detail.timeline.find((entry) => !entry.restricted && entry.text === 'Nachts ist es laut.');
    expect(own && !own.restricted && own.sender?.otherSender).toBe(false);
  });

  it('keeps the stranger’s message off the citizen’s status page', async () => {
    const berta = await bertasCase();
    const [ack] = await outbound();
    const token = /\/anliegen\/status\/([\w-]+)/.exec(ack!.text)![1]!;
    await send(
      ['From: xaver@fremd.example', `Subject: [${berta.reference}] Auskunft`, 'Message-ID: <fremd.2@fremd.example>'],
      'Geheime Frage eines Fremden.',
      'xaver@fremd.example',
    );
    const page = await caseForToken(database.db, token);
    expect(page!.entries.map((entry) => entry.text)).toEqual(['Nachts ist es laut.']);
  });

  it('credits the citizen when they write from their own address, whatever its case or spelling', async () => {
    const berta = await bertasCase();
    await send(
      ['From: "BERTA BERG" <Berta@Example.COM>', `Subject: Re: [${berta.reference}]`, 'Message-ID: <laerm.2@example.com>'],
      'Es ist wieder laut.',
    );
    const [, again] = await inbound();
    expect(again).toMatchObject({ case_id: berta.id, citizen_id: berta.citizen_id });
  });

  it('lets the agent add the address to the citizen in one step: later mail from it is the citizen’s own', async () => {
    const berta = await bertasCase();
    await send(
      ['From: Bernd Berg <bernd@familie-berg.example>', `Subject: Re: [${berta.reference}]`, 'Message-ID: <bernd.1@x.example>'],
      'Ich schreibe für meine Mutter.',
      'bernd@familie-berg.example',
    );
    const [, relative] = await inbound();
    const api = callerFor(database.db, agent);
    await api.cases.addSenderToCitizen({ interactionId: relative!.id });
    const [, moved] = await inbound();
    expect(moved!.citizen_id).toBe(berta.citizen_id);
    const contacts = await database.db
      .selectFrom('contact_points')
      .select('normalized')
      .where('citizen_id', '=', berta.citizen_id)
      .orderBy('id')
      .execute();
    expect(contacts.map((c) => c.normalized)).toEqual(['berta@example.com', 'bernd@familie-berg.example']);
    // The record made only for this mail is merged into Berta: no empty duplicate stays behind.
    const sender = await database.db
      .selectFrom('citizens')
      .selectAll()
      .where('id', '=', relative!.citizen_id)
      .executeTakeFirstOrThrow();
    expect(sender.merged_into_id).toBe(berta.citizen_id);
    await expect(api.cases.addSenderToCitizen({ interactionId: relative!.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    await send(
      ['From: bernd@familie-berg.example', `Subject: Re: [${berta.reference}]`, 'Message-ID: <bernd.2@x.example>'],
      'Noch eine Frage.',
      'bernd@familie-berg.example',
    );
    expect((await inbound()).at(-1)).toMatchObject({ case_id: berta.id, citizen_id: berta.citizen_id });
  });

  it('lets the agent split the stranger’s message into a new case of the stranger’s', async () => {
    const berta = await bertasCase();
    await send(
      ['From: xaver@fremd.example', `Subject: [${berta.reference}] Ganz anderes Thema`, 'Message-ID: <fremd.3@fremd.example>'],
      'Mein Keller ist nass.',
      'xaver@fremd.example',
    );
    const [, stranger] = await inbound();
    const created = await callerFor(database.db, agent).cases.splitInteraction({ interactionId: stranger!.id });
    const newCase = await caseOf(created.caseId);
    expect(newCase).toMatchObject({ citizen_id: stranger!.citizen_id, subject: `[${berta.reference}] Ganz anderes Thema` });
    expect((await inbound()).find((row) => row.id === stranger!.id)!.case_id).toBe(created.caseId);
    expect((await caseOf(berta.id)).contact_count).toBe(1);
    // The only message of a case cannot be split off: that case would be left empty.
    await expect(callerFor(database.db, agent).cases.splitInteraction({ interactionId: stranger!.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('erases a stranger’s messages in other citizens’ cases with the stranger (Art. 17)', async () => {
    const berta = await bertasCase();
    await send(
      ['From: xaver@fremd.example', `Subject: [${berta.reference}]`, 'Message-ID: <fremd.4@fremd.example>'],
      'Persönliches von Xaver.',
      'xaver@fremd.example',
    );
    const [, stranger] = await inbound();
    await eraseCitizen(database.db, { id: agent.id, ip: null }, stranger!.citizen_id, attachmentsDir);
    const [own, erased] = await inbound();
    expect(erased).toMatchObject({ text: '', raw_sha256: null, metadata: null });
    expect(own!.text).toBe('Nachts ist es laut.');
  });
});

describe('a mail without a usable From is stored, never answered 250 and dropped', () => {
  it.each([
    [
      'no From at all: the envelope sender',
      ['Subject: Scan'],
      'scanner@rathaus-drucker.example',
      'scanner@rathaus-drucker.example',
    ],
    [
      'an empty From: Sender',
      ['From:', 'Sender: sekretariat@verein.example', 'Subject: Antrag'],
      'x@relay.example',
      'sekretariat@verein.example',
    ],
    [
      'a From without address: Reply-To',
      ['From: Gerd Ohneadresse', 'Reply-To: gerd@example.net', 'Subject: Frage'],
      'y@relay.example',
      'gerd@example.net',
    ],
    [
      'an undisclosed group From: the envelope',
      ['From: undisclosed-recipients:;', 'Subject: Hallo'],
      'z@example.org',
      'z@example.org',
    ],
  ])('%s', async (_name, headers, mailFrom, expected) => {
    const reply = await send([...headers, `Message-ID: <nofrom.${Math.random()}@example.com>`], 'Bitte bearbeiten.', mailFrom);
    expect(reply.code).toBe(250);
    const [stored] = await inbound();
    expect(stored!.text).toBe('Bitte bearbeiten.');
    expect(metadataOf(stored!).from).toBe(expected);
    const contacts = await database.db
      .selectFrom('contact_points')
      .select('normalized')
      .where('citizen_id', '=', stored!.citizen_id)
      .execute();
    expect(contacts.map((c) => c.normalized)).toEqual([expected]);
  });

  it('stores a mail with no From and the null sender too (as a machine’s, unanswered)', async () => {
    const reply = await send(['Subject: Ohne alles', 'Message-ID: <nothing@example.com>'], 'Text.', '');
    expect(reply.code).toBe(250);
    const [stored] = await inbound();
    expect(stored!.text).toBe('Text.');
    expect(await outbound()).toEqual([]);
  });
});

describe('the original source is kept', () => {
  it('stores every accepted mail’s source byte for byte, content-addressed, and erases it with the case', async () => {
    const source = [
      'From: Berta Berg <berta@example.com>',
      `To: ${DESK}`,
      'Subject: =?utf-8?Q?Stra=C3=9Fenlaterne?=',
      'Message-ID: <source.1@example.com>',
      'X-Mailer: Handgemacht 1.0',
      '',
      'Die Laterne ist aus.',
      '',
    ].join('\r\n');
    expect((await sendRawSmtp(port, source, { mailFrom: 'berta@example.com', rcptTo: [DESK] })).code).toBe(250);
    const [stored] = await inbound();
    expect(stored!.raw_sha256).toMatch(/^[0-9a-f]{64}$/);
    const kept = readFileSync(attachmentPath(attachmentsDir, stored!.raw_sha256!), 'latin1');
    // What smtp-server hands over is the DATA as sent (dot-stuffing undone); the trace header it adds comes first.
    expect(kept.endsWith(source) || kept.endsWith(`${source}\r\n`)).toBe(true);
    await eraseCitizen(database.db, { id: agent.id, ip: null }, stored!.citizen_id, attachmentsDir);
    expect(() => readFileSync(attachmentPath(attachmentsDir, stored!.raw_sha256!))).toThrow(/ENOENT/);
  });
});

describe('Message-ID reuse', () => {
  it('stores a different message that reuses a Message-ID, and each message once however often it comes', async () => {
    const mail = (hop: string) => [
      'From: berta@example.com',
      'Subject: Rückfrage',
      'Date: Tue, 01 Dec 2026 10:00:00 +0100',
      'Message-ID: <fixed@broken-client.example>',
      `Received: from ${hop} by mx.example; Tue, 01 Dec 2026 10:00:01 +0100`,
    ];
    await send(mail('relay1.example'), 'Erste Nachricht.');
    await send(mail('relay2.example'), 'Erste Nachricht.'); // the same message again, by another route
    await send(mail('relay1.example'), 'Eine ganz andere Nachricht.');
    await send(mail('relay3.example'), 'Eine ganz andere Nachricht.'); // and that one redelivered
    const stored = await inbound();
    expect(stored.map((row) => row.text)).toEqual(['Erste Nachricht.', 'Eine ganz andere Nachricht.']);
    expect(stored[0]!.external_message_id).toBe('<fixed@broken-client.example>');
    expect(stored[1]!.external_message_id).not.toBe('<fixed@broken-client.example>');
  });
});

describe('whom we answer: no automatic mail to machines, at most one per address and hour', () => {
  it.each([
    ['Auto-Submitted: auto-generated', ['Auto-Submitted: auto-generated', 'From: system@example.com']],
    ['Precedence: bulk', ['Precedence: bulk', 'From: verein@example.com']],
    ['List-Id', ['List-Id: <nachbarn.lists.example>', 'From: liste@example.com']],
    ['List-Unsubscribe (newsletter)', ['List-Unsubscribe: <mailto:leave@news.example>', 'From: news@news.example']],
    ['noreply@', ['From: noreply@paketdienst.example']],
    ['no-reply@', ['From: No Reply <no-reply@shop.example>']],
    ['donotreply@', ['From: DoNotReply@bank.example']],
    ['X-Auto-Response-Suppress (Outlook)', ['X-Auto-Response-Suppress: All', 'From: kollege@nachbarstadt.example']],
    ['X-Autorespond', ['X-Autorespond: yes', 'From: a@example.com']],
    ['German Outlook out-of-office: Abwesenheitsnotiz', ['From: a@example.com', 'Subject: Abwesenheitsnotiz: Ihre Anfrage']],
    ['German Outlook: Automatische Antwort', ['From: a@example.com', 'Subject: Automatische Antwort: Termin']],
    ['English: Out of Office', ['From: a@example.com', 'Subject: Out of Office: Re: request']],
    ['English: Automatic reply', ['From: a@example.com', 'Subject: Automatic reply: Termin']],
  ])('%s is stored but never acknowledged', async (_name, headers) => {
    const withSubject = headers.some((h) => h.startsWith('Subject:')) ? headers : [...headers, 'Subject: Info'];
    const reply = await send(
      [...withSubject, `Message-ID: <m.${Math.random()}@example.com>`],
      'Automatisch.',
      'bounce@example.com',
    );
    expect(reply.code).toBe(250);
    expect(await inbound()).toHaveLength(1);
    expect(await outbound()).toEqual([]);
  });

  it.each([['Urlaub mit der Familie: Anmeldung'], ['Re: Abwesenheit meines Nachbarn'], ['Frage zur automatischen Antwort']])(
    'a citizen’s subject like “%s” is a citizen’s mail and acknowledged',
    async (subject) => {
      await send(
        ['From: carla@example.com', `Subject: ${subject}`, 'Message-ID: <c@example.com>'],
        'Eine Frage.',
        'carla@example.com',
      );
      expect(await outbound()).toHaveLength(1);
    },
  );

  it('keeps an out-of-office reply on the case it answers: no new case, the case stays as it was', async () => {
    const berta = await bertasCase();
    await database.db.updateTable('cases').set({ status: 'waiting_citizen' }).where('id', '=', berta.id).execute();
    const before = await caseOf(berta.id);
    await send(
      [
        'From: Berta Berg <berta@example.com>',
        `Subject: Automatische Antwort: [${berta.reference}] Lärm in der Nacht`,
        'X-Auto-Response-Suppress: All',
        'In-Reply-To: <laerm.1@example.com>',
        'Message-ID: <ooo.1@example.com>',
      ],
      'Ich bin bis 3. Januar nicht im Büro.',
    );
    const stored = await inbound();
    expect(stored).toHaveLength(2);
    expect(stored[1]).toMatchObject({ case_id: berta.id });
    expect(metadataOf(stored[1]!).machine).toBe('auto-reply');
    const after = await caseOf(berta.id);
    expect(after).toMatchObject({ status: 'waiting_citizen', version: before.version, contact_count: before.contact_count });
    expect(await database.db.selectFrom('cases').select('id').execute()).toHaveLength(1);
  });

  it('files a delivery report on the case of the mail that failed, and marks that mail failed', async () => {
    const berta = await bertasCase();
    const [ack] = await outbound();
    const ourId = `<anliegen.${ack!.id}.0123456789ab@musterstadt.example>`;
    await database.db
      .updateTable('interactions')
      .set({ delivery_status: 'sent', external_message_id: ourId })
      .where('id', '=', ack!.id)
      .execute();
    const report = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      `To: ${DESK}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn.1@mx.example.com>',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
      '',
      '--r',
      'Content-Type: text/plain',
      '',
      'The mail could not be delivered.',
      '--r',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; berta@example.com',
      'Action: failed',
      'Status: 5.1.1',
      '--r',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${ourId}`,
      `Subject: [${berta.reference}] Ihr Anliegen ist eingegangen`,
      '--r--',
      '',
    ].join('\r\n');
    expect((await sendRawSmtp(port, report, { mailFrom: '', rcptTo: [DESK] })).code).toBe(250);
    const [, bounce] = await inbound();
    expect(bounce).toMatchObject({ case_id: berta.id });
    expect(metadataOf(bounce!).machine).toBe('bounce');
    expect((await outbound())[0]!.delivery_status).toBe('failed');
    expect((await caseOf(berta.id)).status).toBe(berta.status);
  });

  it('acknowledges at most one new case per sender address and hour', async () => {
    for (const n of [1, 2, 3])
      await send(
        ['From: dora@example.com', `Subject: Anliegen ${n}`, `Message-ID: <dora.${n}@example.com>`],
        'Neu.',
        'dora@example.com',
      );
    expect(await database.db.selectFrom('cases').select('id').execute()).toHaveLength(3);
    expect((await outbound()).map((mail) => metadataOf(mail).to)).toEqual(['dora@example.com']);
  });

  it('sends at most one web-form confirmation per recipient address and hour: the form cannot spray mail at someone', async () => {
    const category = await database.db
      .insertInto('categories')
      .values({ name: 'Sonstiges', default_team_id: null, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tokens: { token: string; mailQueued: boolean }[] = [];
    for (const n of [1, 2, 3]) {
      const result = await submitWebform(
        database.db,
        { publicUrl: 'http://127.0.0.1', lang: 'de' },
        {
          categoryId: category.id,
          name: `Opfer ${n}`,
          email: 'Opfer@Example.org',
          phone: undefined,
          text: `Anliegen Nummer ${n}`,
          consent: 'yes',
        },
        [],
        // Three different forms (three time tokens), as a script filling the form again and again would send.
        { hash: `form-${n}`, expiresAt: Date.now() + 3_600_000, statusToken: `status-token-of-form-${n}` },
      );
      if ('token' in result) tokens.push(result);
    }
    // Every submission is stored and gets its status link on the page; only one mail goes out, and only the first
    // confirmation page says a mail is on its way.
    expect(tokens.map((receipt) => receipt.mailQueued)).toEqual([true, false, false]);
    expect((await outbound()).map((mail) => metadataOf(mail).to)).toEqual(['opfer@example.org']);
  });
});

/** Header values a mail may carry: printable ASCII, umlauts, encoded words, nothing at all. */
const headerText = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  fc.constantFrom('Grüße', '=?utf-8?B?w5xiZXJ3ZWc=?=', '=?iso-8859-1?Q?Fr=FCh?=', '', ' ', '=?bogus?X?zz?='),
);
const bodyText = fc.string({ maxLength: 400 }).map((s) => s.replace(/\r?\n\.\r?\n/g, '\n'));
const charset = fc.constantFrom('utf-8', 'iso-8859-1', 'windows-1252', 'us-ascii', 'x-unknown', 'koi8-r', '');
const transferEncoding = fc.constantFrom('7bit', '8bit', 'quoted-printable', 'base64', 'binary', 'x-bogus', '');

/** A leaf part, body encoded to match (or not) its declared encoding, as real mail does. */
const leafPart = fc
  .record({
    type: fc.constantFrom('text/plain', 'text/html', 'application/pdf', 'image/png'),
    charset,
    transferEncoding,
    body: bodyText,
    name: fc.option(headerText),
  })
  .map((p) => {
    const body = p.transferEncoding === 'base64' ? Buffer.from(p.body).toString('base64').replace(/.{76}/g, '$&\r\n') : p.body;
    return [
      `Content-Type: ${p.type}${p.charset ? `; charset=${p.charset}` : ''}${p.name !== null ? `; name="${p.name}"` : ''}`,
      ...(p.transferEncoding ? [`Content-Transfer-Encoding: ${p.transferEncoding}`] : []),
      '',
      body,
    ].join('\r\n');
  });

/** A MIME tree: a leaf, or multipart/mixed|alternative|related of up to three subtrees, two levels deep. */
const mimeTree = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('multipart')),
  leaf: leafPart,
  multipart: fc
    .record({
      kind: fc.constantFrom('mixed', 'alternative', 'related'),
      parts: fc.array(tie('tree') as fc.Arbitrary<string>, { minLength: 0, maxLength: 3 }),
    })
    .map(({ kind, parts }) => {
      const boundary = `b${Math.random().toString(36).slice(2)}`;
      return [
        `Content-Type: multipart/${kind}; boundary="${boundary}"`,
        '',
        ...parts.map((part) => `--${boundary}\r\n${part}`),
        `--${boundary}--`,
        '',
      ].join('\r\n');
    }),
})).tree;

const optionalHeader = (name: string, value: fc.Arbitrary<string>) =>
  fc.option(
    value.map((v) => `${name}: ${v}`),
    { nil: undefined },
  );

const generatedMail = fc.record({
  from: optionalHeader(
    'From',
    fc.oneof(
      headerText,
      fc.emailAddress(),
      fc.constantFrom('jdöe@mächine.example', 'Müller <müller@straße.example>', '<>', 'a@', '@b'),
    ),
  ),
  subject: optionalHeader('Subject', headerText),
  date: optionalHeader(
    'Date',
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      headerText,
    ),
  ),
  // A fixed Message-ID now and then: different messages that reuse it must all be stored.
  messageId: optionalHeader(
    'Message-ID',
    fc.oneof(
      fc.constant('<same@example.com>'),
      headerText.map((s) => `<${s}>`),
    ),
  ),
  inReplyTo: optionalHeader('In-Reply-To', headerText),
  extra: fc.array(
    fc.constantFrom(
      'Auto-Submitted: auto-replied',
      'Precedence: bulk',
      'List-Id: <l.example>',
      'X-Spam: yes',
      'MIME-Version: 1.0',
      'Sender: s@example.com',
      'Reply-To: r@example.com',
    ),
    { maxLength: 3 },
  ),
  mime: mimeTree,
  mailFrom: fc.constantFrom('', 'envelope@example.com', 'MAILER-DAEMON@example.com'),
});

describe('generated raw mail through the listener (property)', () => {
  it('answers every well-formed SMTP transaction 250, and every 250 stands for a stored message', async () => {
    // The listener's own account of each mail: stored anew, or (a redelivery) the interaction stored before.
    const received: { interactionId: number; duplicate: boolean }[] = [];
    const log = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          const entry = JSON.parse(line) as { msg: string; interactionId: number; duplicate: boolean };
          if (entry.msg === 'mail received') received.push(entry);
        },
      },
    );
    const observed = createSmtpListener({ db: database.db, env: testEnv({ ATTACHMENTS_DIR: attachmentsDir }), log });
    await new Promise<void>((resolve) => observed.listen(0, '127.0.0.1', resolve));
    const observedPort = (observed.server.address() as AddressInfo).port;
    let sent = 0;
    try {
      await fc.assert(
        fc.asyncProperty(generatedMail, async (mail) => {
          const headers = [mail.from, mail.subject, mail.date, mail.messageId, mail.inReplyTo, ...mail.extra].filter(
            (line): line is string => line !== undefined,
          );
          const message = [...headers, `To: ${DESK}`, mail.mime].join('\r\n');
          const before = (await inbound()).length;
          const reply = await sendRawSmtp(observedPort, message, { mailFrom: mail.mailFrom, rcptTo: [DESK] });
          sent++;
          expect(reply.code).toBe(250);
          const outcome = received.at(-1)!;
          expect(received).toHaveLength(sent);
          const after = await inbound();
          expect(after.length).toBe(outcome.duplicate ? before : before + 1);
          expect(after.some((row) => row.id === outcome.interactionId)).toBe(true);
        }),
        { numRuns: 60 },
      );
    } finally {
      await new Promise<void>((resolve) => observed.close(() => resolve()));
    }
    expect(sent).toBe(60);
  }, 120_000);
});

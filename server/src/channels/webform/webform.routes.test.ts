import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../http/app.js';
import { startSessionCleanup } from '../../jobs/session-cleanup.job.js';
import { createLogger } from '../../logger.js';
import { createTestDatabase, fillDatabase, type TestDatabase, unreachableDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';

let database: TestDatabase;
let server: Server;
let base: string;
let categoryId: number;
let attachmentsDir: string;

async function start(overrides: Record<string, string> = {}) {
  const env = testEnv({
    WEBFORM_MIN_SECONDS: '0',
    ATTACHMENTS_DIR: attachmentsDir,
    PUBLIC_URL: 'https://anliegen.musterstadt.example',
    ...overrides,
  });
  server = createApp({ db: database.db, env, log: createLogger('silent'), isReady: () => true }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  database = await createTestDatabase();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-webform-'));
  const team = await database.db
    .insertInto('teams')
    .values({ name: 'Grünflächenamt', email_address: null, created_at: 1, updated_at: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  categoryId = (
    await database.db
      .insertInto('categories')
      .values({ name: 'Bäume und Grünanlagen', default_team_id: team.id, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

type TestFile = { name: string; type: string; content: Buffer };
const tokenIn = (page: string) => /name="formToken" value="([^"]+)"/.exec(page)?.[1] ?? '';
const freshToken = async (lang = 'de') => tokenIn(await (await fetch(`${base}/anliegen?lang=${lang}`)).text());

/** Posts the form as a browser would (multipart, with optional files) with the given time token. */
function post(formToken: string, fields: Record<string, string>, files: TestFile[] = [], lang = 'de') {
  const body = new FormData();
  for (const [name, value] of Object.entries({ formToken, website: '', ...fields })) body.append(name, value);
  for (const file of files) body.append('files', new Blob([file.content], { type: file.type }), file.name);
  return fetch(`${base}/anliegen?lang=${lang}`, { method: 'POST', body, redirect: 'manual' });
}

/** Loads the form (for a fresh time token) and posts it. */
async function submit(fields: Record<string, string>, files: TestFile[] = []) {
  return post(await freshToken(), fields, files);
}

const valid = () => ({
  name: 'Erika Mustermann',
  email: 'Erika@Example.com',
  phone: '',
  categoryId: String(categoryId),
  text: 'Im Stadtpark hängt ein abgebrochener Ast über dem Spielplatz.',
  consent: 'yes',
});
const count = async (table: 'cases' | 'citizens' | 'interactions' | 'attachments') =>
  (
    await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('public web form', () => {
  it('is a plain HTML form that works without JavaScript and may be framed by the town’s website', async () => {
    await start();
    const response = await fetch(`${base}/anliegen`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<form method="post"');
    expect(page).toContain('Bäume und Grünanlagen');
    expect(page).not.toContain('<script');
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(response.headers.get('x-frame-options')).toBeNull();
    // The agent app itself may not be framed.
    expect((await fetch(`${base}/login`)).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('opens a case, shows the reference and the private status link, and queues a confirmation mail', async () => {
    await start();
    const response = await submit(valid());
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/anliegen\/status\/[\w-]{30,}\?lang=de&new=mail$/);

    const created = await database.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(created).toMatchObject({ origin_channel: 'webform', category_id: categoryId, status: 'new' });
    expect(created.subject).toBe('Bäume und Grünanlagen: Im Stadtpark hängt ein abgebrochener Ast über dem Spielplatz.');
    const page = await (await fetch(`${base}${location}`)).text();
    expect(page).toContain(created.reference);
    expect(page).toContain(`https://anliegen.musterstadt.example${location.split('?')[0]}`);
    expect(page).toContain('Im Stadtpark hängt');

    const mail = await database.db
      .selectFrom('interactions')
      .selectAll()
      .where('direction', '=', 'outbound')
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ channel: 'email', delivery_status: 'pending' });
    expect(JSON.parse(mail.metadata!)).toEqual({ to: 'erika@example.com', automatic: true, contentFree: true });
    expect(mail.text).toContain(created.reference);
    expect(mail.text).toContain(location.split('?')[0]);
    // Only the hash of the link's token is stored.
    const token = location.split('/').pop()!.split('?')[0]!;
    const stored = await database.db.selectFrom('case_access_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);
    // The automatic confirmation is not a first response.
    expect(created.first_response_at).toBeNull();
  });

  // Issue 16: the subject was the first line cut at 80 characters, mid-word ("… Bitte um Re").
  it('names the case after the first line, shortened at a whole word with an ellipsis', async () => {
    await start();
    const firstLine = 'Sehr geehrte Damen und Herren, vor unserem Haus ist seit Wochen die Laterne defekt. Bitte um Reparatur';
    const response = await submit({ ...valid(), text: `${firstLine}\r\nMit freundlichen Grüßen` });
    expect(response.status).toBe(303);
    const created = await database.db.selectFrom('cases').select('subject').executeTakeFirstOrThrow();
    expect(created.subject).toBe(
      'Bäume und Grünanlagen: Sehr geehrte Damen und Herren, vor unserem Haus ist seit Wochen die Laterne…',
    );
  });

  it('keeps what was typed and explains each problem in German; nothing is stored', async () => {
    await start();
    const response = await submit({ ...valid(), email: 'kaputt', text: 'kurz', consent: '' });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('Bitte geben Sie eine gültige E-Mail-Adresse an.');
    expect(page).toContain('Bitte beschreiben Sie Ihr Anliegen (mindestens 10 Zeichen).');
    expect(page).toContain('Ohne Ihre Einwilligung können wir Ihr Anliegen nicht bearbeiten.');
    expect(page).toContain('value="Erika Mustermann"');
    expect(page).toContain('aria-invalid="true"');
    expect(await count('cases')).toBe(0);
    expect(await count('citizens')).toBe(0);
  });

  it('needs an email address or a phone number', async () => {
    await start();
    const response = await submit({ ...valid(), email: '', phone: '' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.');
    const withPhone = await submit({ ...valid(), email: '', phone: '0151 2345678' });
    expect(withPhone.status).toBe(303);
    expect(withPhone.headers.get('location')).toMatch(/new=1$/);
    expect(await count('interactions')).toBe(1);
  });

  it('turns away bots: a filled honeypot, a forged or missing time token, a post faster than a person', async () => {
    await start({ WEBFORM_MIN_SECONDS: '3' });
    expect((await submit(valid())).status).toBe(422);
    const forged = new FormData();
    for (const [name, value] of Object.entries({ ...valid(), formToken: '1.forged', website: '' })) forged.append(name, value);
    expect((await fetch(`${base}/anliegen`, { method: 'POST', body: forged })).status).toBe(422);
    await new Promise((resolve) => server.close(resolve));
    await start();
    expect((await submit({ ...valid(), website: 'https://spam.example' })).status).toBe(422);
    expect(await count('cases')).toBe(0);
  });

  it('limits submissions per IP address', async () => {
    await start({ WEBFORM_RATE_LIMIT: '2' });
    expect((await submit(valid())).status).toBe(303);
    expect((await submit(valid())).status).toBe(303);
    const third = await submit(valid());
    expect(third.status).toBe(429);
    expect(await third.text()).toContain('sehr viele Anfragen');
  });

  it('stores allowed attachments and rejects files whose content is not what they claim', async () => {
    await start();
    const pdf = { name: 'foto.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 Ast') };
    expect((await submit(valid(), [pdf])).status).toBe(303);
    const [file] = await database.db.selectFrom('attachments').selectAll().execute();
    expect(file).toMatchObject({ filename: 'foto.pdf', content_type: 'application/pdf', size_bytes: pdf.content.length });

    const disguised = { name: 'rechnung.pdf', type: 'application/pdf', content: Buffer.from('MZ\x90\x00 program') };
    const rejected = await submit(valid(), [disguised]);
    expect(rejected.status).toBe(422);
    expect(await rejected.text()).toContain('nicht erlaubtes Format');
    expect(await count('cases')).toBe(1);
  });

  it('lets the citizen answer on the status page; the answer lands in the same case; unknown links get 404', async () => {
    await start();
    const location = (await submit(valid())).headers.get('location')!.split('?')[0]!;
    const caseRow = await database.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    await database.db.updateTable('cases').set({ status: 'resolved', resolved_at: Date.now() }).execute();

    const empty = await fetch(`${base}${location}`, {
      method: 'POST',
      body: new URLSearchParams({ text: '' }),
      redirect: 'manual',
    });
    expect(empty.status).toBe(422);
    const reply = await fetch(`${base}${location}`, {
      method: 'POST',
      body: new URLSearchParams({ text: 'Der Ast liegt jetzt auf dem Weg.' }),
      redirect: 'manual',
    });
    expect(reply.status).toBe(303);
    const inbound = await database.db
      .selectFrom('interactions')
      .selectAll()
      .where('direction', '=', 'inbound')
      .orderBy('id')
      .execute();
    expect(inbound.map((i) => [i.case_id, i.channel, i.text])).toEqual([
      [caseRow.id, 'webform', valid().text],
      [caseRow.id, 'webform', 'Der Ast liegt jetzt auf dem Weg.'],
    ]);
    // A citizen coming back reopens the finished case.
    expect((await database.db.selectFrom('cases').select('status').executeTakeFirstOrThrow()).status).toBe('open');
    const page = await (await fetch(`${base}${location}?replied=1`)).text();
    expect(page).toContain('Der Ast liegt jetzt auf dem Weg.');
    expect(page).toContain('In Bearbeitung');

    expect((await fetch(`${base}/anliegen/status/falsch`)).status).toBe(404);
  });

  it('takes a reply with NUL characters on the status page (PostgreSQL refuses them in text): stored without them', async () => {
    await start();
    const location = (await submit(valid())).headers.get('location')!.split('?')[0]!;
    const reply = await fetch(`${base}${location}`, {
      method: 'POST',
      body: new URLSearchParams({ text: 'Der Ast\u0000 liegt noch da.' }),
      redirect: 'manual',
    });
    expect(reply.status).toBe(303);
    const texts = await database.db.selectFrom('interactions').select('text').where('direction', '=', 'inbound').execute();
    expect(texts.map((row) => row.text)).toContain('Der Ast liegt noch da.');
  });

  it('takes a form once: sent twice with one token (a double click, also at the same moment), one case, both answers its confirmation', async () => {
    await start();
    const token = await freshToken();
    const first = await post(token, valid());
    const again = await post(token, valid());
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await count('cases')).toBe(1);
    // The second answer is the first case's confirmation, with its reference.
    const page = await (await fetch(`${base}${again.headers.get('location')}`)).text();
    const { reference } = await database.db.selectFrom('cases').select('reference').executeTakeFirstOrThrow();
    expect(page).toContain(reference);
    expect(page).toContain('Vielen Dank, Ihr Anliegen ist eingegangen');

    const token2 = await freshToken();
    const other = { ...valid(), text: 'Die Laterne vor Hausnummer 3 ist seit Tagen dunkel.' };
    const both = await Promise.all([post(token2, other), post(token2, other)]);
    expect(both.map((response) => response.status)).toEqual([303, 303]);
    expect(both[1]!.headers.get('location')).toBe(both[0]!.headers.get('location'));
    expect(await count('cases')).toBe(2);
    const inbound = await database.db.selectFrom('interactions').select('text').where('direction', '=', 'inbound').execute();
    expect(inbound.map((row) => row.text).sort()).toEqual([other.text, valid().text].sort());
  });

  it('refuses a used token for a different submission: the form again with everything typed and a fresh token', async () => {
    await start();
    const token = await freshToken('en');
    expect((await post(token, valid(), [], 'en')).status).toBe(303);
    const changed = { ...valid(), name: 'Erika Musterfrau', text: 'Und noch etwas: Die Bank am Teich ist kaputt.' };
    const refused = await post(
      token,
      changed,
      [{ name: 'bank.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 Bank') }],
      'en',
    );
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('This form has already been sent.');
    expect(page).toContain('Please choose your attachments again');
    expect(page).toContain('value="Erika Musterfrau"');
    expect(page).toContain('Und noch etwas: Die Bank am Teich ist kaputt.</textarea>');
    expect(tokenIn(page)).not.toBe(token);
    expect(await count('cases')).toBe(1);
    // Sent again from that page: a second case.
    expect((await post(tokenIn(page), changed)).status).toBe(303);
    expect(await count('cases')).toBe(2);
  });

  it('keeps a used token only until it would expire anyway; the hourly cleanup removes it', async () => {
    await start();
    const before = Date.now();
    expect((await submit(valid())).status).toBe(303);
    const [used] = await database.db.selectFrom('used_form_tokens').selectAll().execute();
    // Issued when the form was loaded, good for 24 hours.
    expect(used!.expires_at).toBeGreaterThanOrEqual(before + 24 * 3_600_000 - 60_000);
    expect(used!.expires_at).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
    await database.db
      .insertInto('used_form_tokens')
      .values({ token_hash: 'abgelaufen', expires_at: before - 1 })
      .execute();
    const stop = startSessionCleanup(database.db, testEnv(), createLogger('silent'));
    await vi.waitFor(async () =>
      expect(
        (await database.db.selectFrom('used_form_tokens').select('token_hash').execute()).map((row) => row.token_hash),
      ).toEqual([used!.token_hash]),
    );
    stop();
  });

  it('when the database cannot store it: the form again (200, never a 5xx page) with everything typed, a note on attachments, no trace of the error', async () => {
    await start({ TOWN_PHONE: '030 1234-5678' });
    const restore = await fillDatabase(database, ['interactions']);
    // Needs pages of its own: a full SQLite database has none left.
    const text = Array.from({ length: 900 }, (_, i) => `Wort${i}`).join(' ');
    const token = await freshToken();
    const failed = await post(token, { ...valid(), text }, [
      { name: 'foto.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 Ast') },
    ]);
    expect(failed.status).toBe(200);
    const page = await failed.text();
    // A notice, not an error summary: the citizen made no mistake. It takes the focus and gives the town's number.
    expect(page).toContain('<title>Nicht gesendet: Ihr Anliegen an die Stadtverwaltung</title>');
    expect(page).toMatch(
      /<div class="notice" id="notice" role="alert" tabindex="-1" autofocus><h2>Gerade gibt es eine technische Störung<\/h2>/,
    );
    expect(page).toContain('Ihre Angaben stehen noch unten im Formular');
    expect(page).toContain('Ihre Anhänge wählen Sie dabei bitte erneut aus');
    expect(page).toContain('<a class="phone" href="tel:+493012345678">030 1234-5678</a>');
    expect(page).not.toContain('class="summary"');
    expect(page.match(/autofocus/g)).toHaveLength(1);
    expect(page).toContain('value="Erika Mustermann"');
    expect(page).toContain('value="Erika@Example.com"');
    expect(page).toContain(`${text}</textarea>`);
    expect(page).toMatch(new RegExp(`<option value="${categoryId}" selected>`));
    expect(page).toContain('name="consent" value="yes" checked');
    expect(page).not.toMatch(/SQLITE|disk|Error|at .+\.(ts|js):\d+/);
    expect(await count('cases')).toBe(0);
    expect(await count('citizens')).toBe(0);
    // The same token: sent again, the form is stored once even if the failed attempt had committed after all.
    expect(tokenIn(page)).toBe(token);
    // Once there is room again, sending the page as it is works, once.
    await restore();
    const again = await post(tokenIn(page), { ...valid(), text }, [
      { name: 'foto.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 Ast') },
    ]);
    expect(again.status).toBe(303);
    const twice = await post(tokenIn(page), { ...valid(), text });
    expect(twice.status).toBe(303);
    expect(twice.headers.get('location')).toBe(again.headers.get('location'));
    expect(await count('cases')).toBe(1);
  });

  it('while the database cannot be reached: the form says so before anything is typed, and keeps what was sent', async () => {
    // One secret for both servers below, as for the processes of one installation.
    const settings = { TOWN_PHONE: '+49 30 1234-5678', APP_SECRET: 'x'.repeat(32) };
    await start(settings);
    // Topics read while it was there (the form was shown before); the status link of a case made then.
    const location = (await submit(valid())).headers.get('location')!.split('?')[0]!;
    const token = await freshToken('en');
    const unreachable = await unreachableDatabase();
    const db = database.db;
    try {
      // The same app with its database gone (as when PostgreSQL stops under a running server).
      database.db = unreachable.db;
      await new Promise((resolve) => server.close(resolve));
      await start(settings);
      const form = await fetch(`${base}/anliegen?lang=en`);
      expect(form.status).toBe(200);
      const empty = await form.text();
      expect(empty).toContain('<div class="notice" id="notice" role="status"><h2>There is a technical fault right now</h2>');
      expect(empty).toContain('Requests cannot be saved at the moment.');
      expect(empty).not.toContain('autofocus');

      const failed = await post(token, valid(), [], 'en');
      expect(failed.status).toBe(200);
      const page = await failed.text();
      expect(page).toContain('<title>Not sent: Your request to the town administration</title>');
      expect(page).toContain('Your details are still in the form below');
      expect(page).toContain('<a class="phone" href="tel:+493012345678">+49 30 1234-5678</a>');
      expect(page).toContain(`${valid().text}</textarea>`);

      const status = await fetch(`${base}${location}`);
      expect(status.status).toBe(200);
      const statusPage = await status.text();
      expect(statusPage).toContain('Der Stand Ihres Anliegens kann deshalb gerade nicht angezeigt werden.');
      expect(statusPage).toContain('href="tel:+493012345678"');
      expect(statusPage).not.toContain('<form');

      const reply = await fetch(`${base}${location}`, {
        method: 'POST',
        body: new URLSearchParams({ text: 'Der Ast liegt jetzt auf dem Weg.' }),
      });
      expect(reply.status).toBe(200);
      const replyPage = await reply.text();
      expect(replyPage).toContain('Ihre Nachricht konnte deshalb nicht gespeichert werden.');
      expect(replyPage).toMatch(/<textarea id="text" name="text" required>Der Ast liegt jetzt auf dem Weg.<\/textarea>/);
      expect(replyPage).toMatch(/autofocus/);
      for (const shown of [empty, page, statusPage, replyPage])
        expect(shown).not.toMatch(/ECONNREFUSED|Error|at .+\.(ts|js):\d+/);
    } finally {
      database.db = db;
      await unreachable.db.destroy();
    }
  });

  // Issue 24 (WCAG 3.3.1, 2.4.3, 2.4.2): without JavaScript the browser's autofocus puts the focus on what to read first.
  it('after a failed submit: the title starts with "Fehler:", the error summary has the focus; the reply form likewise', async () => {
    await start();
    const fresh = await (await fetch(`${base}/anliegen`)).text();
    expect(fresh).toContain('<title>Ihr Anliegen an die Stadtverwaltung</title>');
    expect(fresh).not.toContain('autofocus');

    const failed = await (await submit({ ...valid(), email: 'kaputt' })).text();
    expect(failed).toContain('<title>Fehler: Ihr Anliegen an die Stadtverwaltung</title>');
    expect(failed).toMatch(/<div class="summary" role="alert" tabindex="-1" id="summary" autofocus>/);
    expect(failed.match(/autofocus/g)).toHaveLength(1);
    const english = await (await post(await freshToken('en'), { ...valid(), consent: '' }, [], 'en')).text();
    expect(english).toContain('<title>Error: Your request to the town administration</title>');

    const location = (await submit(valid())).headers.get('location')!.split('?')[0]!;
    const status = await (await fetch(`${base}${location}`)).text();
    expect(status).not.toContain('autofocus');
    const title = /<title>([^<]+)<\/title>/.exec(status)![1];
    const empty = await (await fetch(`${base}${location}`, { method: 'POST', body: new URLSearchParams({ text: '' }) })).text();
    expect(empty).toContain(`<title>Fehler: ${title}</title>`);
    expect(empty).toMatch(
      /<textarea id="text" name="text" required aria-invalid="true" aria-describedby="text-error" autofocus>/,
    );
  });

  // Issue 24 (WCAG 3.2.5, technique G201): a link that opens a new window says so in its text.
  it('says in the privacy link’s text that it opens a new window', async () => {
    await start();
    const german = await (await fetch(`${base}/anliegen`)).text();
    expect(german).toMatch(/<a href="[^"]+" target="_blank" rel="noopener">Datenschutzhinweise \(öffnet in neuem Fenster\)<\/a>/);
    const english = await (await fetch(`${base}/anliegen?lang=en`)).text();
    expect(english).toMatch(/<a href="[^"]+" target="_blank" rel="noopener">Privacy notice \(opens in a new window\)<\/a>/);
  });

  it('speaks English on request', async () => {
    await start();
    const page = await (await fetch(`${base}/anliegen?lang=en`)).text();
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('Send request');
  });

  // Issue 16: without SMTP_URL the confirmation said "per E-Mail geschickt", and no mail ever left.
  it('says a confirmation mail is on its way only when outgoing mail is configured', async () => {
    await start();
    const confirmationOf = async (response: Response) => (await fetch(`${base}${response.headers.get('location')}`)).text();
    const withoutMail = await confirmationOf(await submit(valid()));
    expect(withoutMail).not.toContain('per E-Mail');
    expect(withoutMail).toContain('Wir schicken Ihnen keine E-Mail. Bitte speichern Sie diesen Link');
    await new Promise((resolve) => server.close(resolve));

    await start({ SMTP_URL: 'smtp://relay.musterstadt.example:587' });
    const withMail = await confirmationOf(await submit({ ...valid(), email: 'ida@example.com' }));
    expect(withMail).toContain('Wir schicken Ihnen die Vorgangsnummer und den Link auch per E-Mail.');
    expect(withMail).not.toContain('keine E-Mail');
  });
});

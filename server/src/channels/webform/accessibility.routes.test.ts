import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { barrierReportInput } from '@anliegen/shared';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../http/app.js';
import { createLogger } from '../../logger.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';

/*
 * The Erklärung zur Barrierefreiheit and its feedback mechanism (issue 18): "Barriere melden" becomes a case of the
 * category the admin chose, through the web form's intake, and a bad report changes nothing. And the language of
 * the public pages over HTTP: ?lang= before Accept-Language, kept by every link, form and redirect, and the
 * confirmation mail in the page's language.
 */

let database: TestDatabase;
let server: Server | undefined;
let base: string;
let categoryId: number;

async function start(overrides: Record<string, string> = {}) {
  const env = testEnv({
    WEBFORM_MIN_SECONDS: '0',
    WEBFORM_RATE_LIMIT: '1000',
    PUBLIC_URL: 'https://anliegen.musterstadt.example',
    ...overrides,
  });
  server = createApp({ db: database.db, env, log: createLogger('silent'), isReady: () => true }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  database = await createTestDatabase();
  const teamId = await insertTestTeam(database.db, 'Bürgerservice');
  categoryId = (
    await database.db
      .insertInto('categories')
      .values({ name: 'Barrierefreiheit', default_team_id: teamId, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterEach(async () => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
  await database.destroy();
});

const REPORT_PATH = '/anliegen/barrierefreiheit/melden';
const tokenIn = (page: string) => /name="formToken" value="([^"]+)"/.exec(page)?.[1] ?? '';
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

/** Loads the report form (for a fresh time token) and posts it as a browser would. */
async function report(fields: Record<string, string>, lang = 'de', token?: string) {
  const formToken = token ?? tokenIn(await (await get(`${REPORT_PATH}?lang=${lang}`)).text());
  return fetch(`${base}${REPORT_PATH}?lang=${lang}`, {
    method: 'POST',
    body: new URLSearchParams({ formToken, website: '', ...fields }),
    redirect: 'manual',
  });
}

const count = async (table: 'cases' | 'citizens' | 'interactions' | 'used_form_tokens' | 'case_access_tokens') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = async () => ({
  cases: await count('cases'),
  citizens: await count('citizens'),
  interactions: await count('interactions'),
  usedFormTokens: await count('used_form_tokens'),
  statusLinks: await count('case_access_tokens'),
});

async function asAdmin() {
  return callerFor(database.db, await insertTestUser(database.db, { email: 'ada@musterstadt.example', role: 'admin' }));
}

describe('the Erklärung zur Barrierefreiheit', () => {
  it('follows the model statement, with the federal Schlichtungsstelle by default', async () => {
    await start();
    const response = await get('/anliegen/barrierefreiheit');
    expect(response.status).toBe(200);
    const page = await response.text();
    for (const heading of [
      'Erklärung zur Barrierefreiheit',
      'Stand der Vereinbarkeit mit den Anforderungen',
      'Nicht barrierefreie Inhalte',
      'Erstellung dieser Erklärung',
      'Feedback und Kontakt',
      'Durchsetzungsverfahren',
    ])
      expect(page).toContain(heading);
    expect(page).toContain('Die Stadtverwaltung ist bemüht');
    expect(page).toContain('teilweise vereinbar');
    expect(page).toContain('Diese Erklärung wurde am 11. Dezember 2026 erstellt.');
    expect(page).toContain('Schlichtungsstelle nach dem Behindertengleichstellungsgesetz');
    expect(page).toContain('<span lang="de">Mauerstraße 53, 10117 Berlin</span>');
    expect(page).toContain('href="mailto:info@schlichtungsstelle-bgg.de"');
    expect(page).toContain(`href="${REPORT_PATH}?lang=de"`);
  });

  it('says what the town configured: its name, contact, state, dates and its Land’s enforcement body', async () => {
    await start({
      ACCESSIBILITY_BODY: 'Die Stadt Musterstadt',
      ACCESSIBILITY_CONFORMANCE: 'full',
      ACCESSIBILITY_STATEMENT_DATE: '2027-02-01',
      ACCESSIBILITY_REVIEWED_DATE: '2027-03-15',
      ACCESSIBILITY_ASSESSMENT: 'external',
      ACCESSIBILITY_CONTACT_EMAIL: 'barrierefrei@musterstadt.example',
      TOWN_PHONE: '030 1234-5678',
      ACCESSIBILITY_ENFORCEMENT_NAME: 'Ombudsstelle für barrierefreie Informationstechnik des Landes',
      ACCESSIBILITY_ENFORCEMENT_URL: 'https://ombudsstelle.land.example',
    });
    const page = await (await get('/anliegen/barrierefreiheit?lang=en')).text();
    expect(page).toContain('Die Stadt Musterstadt is committed');
    expect(page).toContain('fully compliant');
    // Fully compliant: no list of barriers unless the town names one.
    expect(page).not.toContain('Non-accessible content');
    expect(page).toContain('This statement was prepared on 1 February 2027.');
    expect(page).toContain('The statement was last reviewed on 15 March 2027.');
    expect(page).toContain('an independent testing body');
    expect(page).toContain('href="mailto:barrierefrei@musterstadt.example"');
    expect(page).toContain('href="tel:+493012345678"');
    expect(page).toContain('<span lang="de">Ombudsstelle für barrierefreie Informationstechnik des Landes</span>');
    expect(page).toContain('href="https://ombudsstelle.land.example"');
    expect(page).not.toContain('Mauerstraße');
  });

  it('refuses a configuration that is no date or no known state', () => {
    expect(() => testEnv({ ACCESSIBILITY_STATEMENT_DATE: '11.12.2026' })).toThrow(/ACCESSIBILITY_STATEMENT_DATE/);
    expect(() => testEnv({ ACCESSIBILITY_CONFORMANCE: 'mostly' })).toThrow(/ACCESSIBILITY_CONFORMANCE/);
  });
});

describe('Barriere melden', () => {
  it('becomes a case of the category the admin chose, with a receipt in the page’s language', async () => {
    const admin = await asAdmin();
    await admin.accessibility.setBarrierCategory({ categoryId });
    expect(await admin.accessibility.barrierCategory()).toEqual({ categoryId });
    const audit = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'category.barrierCategoryChanged')
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(String(categoryId));
    expect(JSON.parse(audit.details!)).toEqual({ previousId: null });

    await start();
    const response = await report(
      {
        what: 'Ekran okuyucum gönder düğmesini bulamıyor.',
        where: '/anliegen',
        name: 'Ayşe Yılmaz',
        email: 'ayse@example.com',
        phone: '',
      },
      'tr',
    );
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/anliegen\/status\/[\w-]{30,}\?lang=tr&new=mail$/);

    const created = await database.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(created).toMatchObject({ origin_channel: 'webform', category_id: categoryId, status: 'new' });
    expect(created.subject).toBe('Barriere gemeldet: Ekran okuyucum gönder düğmesini bulamıyor.');
    const message = await database.db
      .selectFrom('interactions')
      .selectAll()
      .where('direction', '=', 'inbound')
      .executeTakeFirstOrThrow();
    expect(message.channel).toBe('webform');
    expect(message.text).toBe('Ekran okuyucum gönder düğmesini bulamıyor.\n\nWo: /anliegen\n\nSprache der Seite: Türkisch');
    const mail = await database.db
      .selectFrom('interactions')
      .selectAll()
      .where('direction', '=', 'outbound')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe(`[${created.reference}] Talebiniz bize ulaştı`);
    expect(mail.text).toContain(`Talebiniz ${created.reference} dosya numarasıyla kaydedildi.`);
    // The link the citizen keeps opens the status page in the language they used.
    expect(mail.text).toContain(`https://anliegen.musterstadt.example${location.replace('&new=mail', '')}`);

    const confirmation = await (await get(location)).text();
    expect(confirmation).toContain('<html lang="tr" dir="ltr">');
    expect(confirmation).toContain(created.reference);
    expect(confirmation).toContain('Teşekkür ederiz, talebiniz bize ulaştı');
  });

  it('without a category set: a case without one, routed like any other; anonymous when no contact is given', async () => {
    await start();
    // A NUL character (PostgreSQL text cannot hold one) is dropped.
    const response = await report({ what: 'Der Kontrast der Hinweise\u0000 ist zu schwach.' }, 'de-x-ls');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\?lang=de-x-ls&new=1$/);
    const created = await database.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(created.category_id).toBeNull();
    expect(created.subject).toBe('Barriere gemeldet: Der Kontrast der Hinweise ist zu schwach.');
    const contacts = await database.db.selectFrom('contact_points').selectAll().execute();
    expect(contacts).toEqual([]);
    expect(await count('interactions')).toBe(1);
  });

  it('sent twice (a reload, a double click): one case, and both answers lead to it', async () => {
    await start();
    const token = tokenIn(await (await get(REPORT_PATH)).text());
    const fields = { what: 'Die Fehlermeldung wird nicht vorgelesen.' };
    const first = await report(fields, 'de', token);
    const second = await report(fields, 'de', token);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await count('cases')).toBe(1);
    // Another report with the same token is no repeat: the form again, nothing stored.
    const other = await report({ what: 'Etwas ganz anderes funktioniert nicht.' }, 'de', token);
    expect(other.status).toBe(409);
    expect(await count('cases')).toBe(1);
  });

  // Two requests and a count per run: more time than the default five seconds on a busy machine.
  it('a bad report changes nothing and keeps what was typed; a good one makes one case', { timeout: 30_000 }, async () => {
    await start();
    const field = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('kurz', 'x'.repeat(600), 'kaputt@', 'erika@example.com', '0151 2345678', 'Telefon?'),
    );
    let good = 0;
    await fc.assert(
      fc.asyncProperty(fc.record({ what: field, where: field, name: field, email: field, phone: field }), async (fields) => {
        const before = await counts();
        const response = await report(fields);
        const valid = barrierReportInput.safeParse(fields).success;
        if (valid) {
          good += 1;
          expect(response.status).toBe(303);
          expect((await counts()).cases).toBe(before.cases + 1);
          return;
        }
        expect(response.status).toBe(422);
        const page = await response.text();
        expect(page).toContain('id="summary"');
        expect(page).toContain('aria-invalid="true"');
        expect(await counts()).toEqual(before);
      }),
      { numRuns: 20 },
    );
    expect(good).toBeLessThan(20);
  });

  it('turns away bots like the web form: too fast, forged token, honeypot, too many', async () => {
    const before = await counts();
    const fields = { what: 'Der Knopf ist mit der Tastatur nicht erreichbar.' };
    // Ten minutes is more than any test takes between loading and sending: always too fast here.
    await start({ WEBFORM_MIN_SECONDS: '600' });
    const tooFast = await report(fields);
    expect(tooFast.status).toBe(422);
    expect(await tooFast.text()).toContain('Das ging sehr schnell.');
    await new Promise((resolve) => server!.close(resolve));
    await start({ WEBFORM_RATE_LIMIT: '2' });
    expect((await report(fields, 'de', '1.forged.x')).status).toBe(422);
    expect((await report({ ...fields, website: 'https://spam.example' }, 'de')).status).toBe(422);
    const limited = await report(fields, 'en');
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('very many requests');
    expect(await counts()).toEqual(before);
  });
});

describe('where reported barriers go (admin)', () => {
  it('is the admin’s to set; an unknown category changes nothing', async () => {
    const admin = await asAdmin();
    await expectAppError(admin.accessibility.setBarrierCategory({ categoryId: 999_999 }), 'BAD_REQUEST', 'categories.unknown');
    expect(await admin.accessibility.barrierCategory()).toEqual({ categoryId: null });
    await admin.accessibility.setBarrierCategory({ categoryId });
    await admin.accessibility.setBarrierCategory({ categoryId: null });
    expect(await admin.accessibility.barrierCategory()).toEqual({ categoryId: null });
    const agent = callerFor(database.db, await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' }));
    await expectAppError(agent.accessibility.setBarrierCategory({ categoryId }), 'FORBIDDEN', 'auth.forbidden');
    // A deleted category stops being used (the column is set null).
    await admin.accessibility.setBarrierCategory({ categoryId });
    await database.db.deleteFrom('categories').where('id', '=', categoryId).execute();
    expect(await admin.accessibility.barrierCategory()).toEqual({ categoryId: null });
  });
});

describe('the language of the public pages', () => {
  it('comes from ?lang=, else from Accept-Language, else German; an unknown ?lang= falls back', async () => {
    await start();
    const langOf = async (path: string, header?: string) =>
      /<html lang="([^"]+)" dir="([^"]+)"/
        .exec(await (await get(path, header ? { 'Accept-Language': header } : {})).text())!
        .slice(1)
        .join(' ');
    expect(await langOf('/anliegen', 'ar-EG,ar;q=0.9,en;q=0.5')).toBe('ar rtl');
    expect(await langOf('/anliegen?lang=uk', 'ar-EG')).toBe('uk ltr');
    expect(await langOf('/anliegen?lang=xx', 'ru-RU')).toBe('ru ltr');
    expect(await langOf('/anliegen?lang=xx', 'fr')).toBe('de ltr');
    expect(await langOf('/anliegen')).toBe('de ltr');
    expect(await langOf('/anliegen/datenschutz?lang=de-x-ls')).toBe('de ltr');
    const response = await get('/anliegen', { 'Accept-Language': 'tr-TR' });
    expect(response.headers.get('vary')).toContain('Accept-Language');
  });

  it('keeps the language chosen in every link, form and redirect, and sends the confirmation mail in it', async () => {
    await start();
    const category = await database.db
      .insertInto('categories')
      .values({ name: 'Straßen', default_team_id: null, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The browser asks for Ukrainian; the page's own links and form carry it from then on.
    const form = await (await get('/anliegen', { 'Accept-Language': 'uk-UA,uk;q=0.9' })).text();
    expect(form).toContain('action="/anliegen?lang=uk"');
    expect(form).toContain('href="/anliegen/barrierefreiheit?lang=uk"');
    expect(form).toContain('href="/anliegen/datenschutz?lang=uk"');
    expect(form).toMatch(/<a href="\/anliegen\?lang=ar" lang="ar" hreflang="ar">العربية<\/a>/);
    expect(form).toMatch(/<a href="\/anliegen\?lang=uk" lang="uk" hreflang="uk" aria-current="true">Українська<\/a>/);
    const body = new FormData();
    for (const [name, value] of Object.entries({
      formToken: tokenIn(form),
      website: '',
      name: 'Olena Kovalenko',
      email: 'olena@example.com',
      categoryId: String(category.id),
      text: 'На нашій вулиці не працює ліхтар.',
      consent: 'yes',
    }))
      body.append(name, value);
    const sent = await fetch(`${base}/anliegen?lang=uk`, { method: 'POST', body, redirect: 'manual' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toMatch(/\?lang=uk&new=mail$/);
    const mail = await database.db
      .selectFrom('interactions')
      .select(['subject', 'text'])
      .where('direction', '=', 'outbound')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/Ваше звернення надійшло$/);
    expect(mail.text).toContain('Доброго дня!');
    const status = await (await get(sent.headers.get('location')!)).text();
    expect(status).toContain('Дякуємо, Ваше звернення надійшло');
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_ACTOR } from '../../domain/actor.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { createApp } from '../../http/app.js';
import { createLogger } from '../../logger.js';
import { createInvitation } from '../../modules/feedback/invitations.js';
import { issueStatusToken } from '../../modules/mailbox/status-links.service.js';
import { insertTestCase, insertTestCitizen } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';

let database: TestDatabase;
let server: Server | undefined;
let base: string;
let caseId: number;

async function start(overrides: Record<string, string> = {}) {
  const env = testEnv({ PUBLIC_URL: 'https://anliegen.musterstadt.example', ...overrides });
  server = createApp({ db: database.db, env, log: createLogger('silent'), isReady: () => true }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  database = await createTestDatabase();
  const citizen = await insertTestCitizen(database.db, 'Nowak', 'Jan');
  caseId = await insertTestCase(database.db, { citizen_id: citizen, reference: 'A-2026-000042', status: 'resolved' });
});
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = undefined;
  await database.destroy();
});

/** A mail invitation for the case, as resolving it makes one: its link's token. */
const invite = async (via: 'email' | 'receipt' = 'email') =>
  (await unitOfWork(database.db, NO_ACTOR, (work) => createInvitation(work, caseId, via, Date.now())))!;
const feedback = () => database.db.selectFrom('feedback').selectAll().execute();
const page = (token: string, query = '') => fetch(`${base}/anliegen/rueckmeldung/${token}${query}`, { redirect: 'manual' });
const post = (path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual' });
};
/** The values of the radio buttons named `name` that are checked. */
const checked = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`name="${name}" value="(\\w+)" checked`, 'g'))].map((match) => match[1]);

describe('the survey page', () => {
  it('records the clicked answer at once and offers the rest of the form, accessible and without JavaScript', async () => {
    await start();
    const token = await invite();
    const response = await page(token, '?antwort=teilweise');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(await feedback()).toMatchObject([{ case_id: caseId, solved: 'partly', source: 'email', rating: null }]);
    expect(html).toContain('Ihre Antwort „Teilweise“ ist gespeichert');
    expect(html).toContain('A-2026-000042');
    expect(checked(html, 'solved')).toEqual(['partly']);
    expect(html).toMatch(/<fieldset[^>]*><legend>Wurde Ihr Anliegen gelöst\?<\/legend>/);
    expect(html).toMatch(/<fieldset[^>]*><legend>Wie zufrieden sind Sie insgesamt\? \(freiwillig\)<\/legend>/);
    expect(html).toContain('<label for="rating-4">4</label>');
    expect(html).toContain('<textarea id="comment" name="comment" maxlength="2000"');
    expect(html).toContain(`<form method="post" action="/anliegen/rueckmeldung/${token}?lang=de"`);
    expect(html).not.toContain('<script');
    // Switching the language answers nothing again: its links leave the answer out.
    expect(html).toContain(`href="/anliegen/rueckmeldung/${token}?lang=en"`);
    expect(html).not.toMatch(/href="[^"]*antwort=/);
  });

  it('takes the whole answer by POST (Post/Redirect/Get), and shows errors as the web form does', async () => {
    await start();
    const token = await invite();
    const invalid = await post(`/anliegen/rueckmeldung/${token}?lang=de`, { rating: '7', comment: 'x'.repeat(2001) });
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    expect(html).toContain('<title>Fehler: Ihre Rückmeldung A-2026-000042</title>');
    expect(html).toMatch(/<div class="summary" role="alert" tabindex="-1" id="summary" autofocus>/);
    expect(html).toContain('<a href="#solved-yes">Bitte wählen Sie aus, ob Ihr Anliegen gelöst wurde.</a>');
    expect(html).toContain('<a href="#rating-1">Bitte wählen Sie eine Zahl von 1 bis 5.</a>');
    expect(html).toContain('<a href="#comment">Ihr Text ist zu lang (höchstens 2.000 Zeichen).</a>');
    expect(html).toMatch(
      /id="comment" name="comment" maxlength="2000" aria-describedby="comment-hint comment-error" aria-invalid="true">x{2001}</,
    );
    expect(html).toContain('<input type="radio" id="solved-yes" name="solved" value="yes" aria-invalid="true">');
    expect(await feedback()).toEqual([]);

    const sent = await post(`/anliegen/rueckmeldung/${token}?lang=de`, {
      solved: 'partly',
      rating: '4',
      // A NUL character is dropped (PostgreSQL text cannot hold one).
      comment: 'Gut\u0000 erklärt.',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/anliegen/rueckmeldung/${token}?lang=de&saved=1`);
    expect(await feedback()).toMatchObject([{ solved: 'partly', rating: 4, comment: 'Gut erklärt.', source: 'email' }]);
    const thanks = await (await page(token, '?lang=de&saved=1')).text();
    expect(thanks).toContain('Vielen Dank für Ihre Rückmeldung! Sie ist gespeichert.');
    expect(checked(thanks, 'rating')).toEqual(['4']);
    expect(thanks).toContain('>Gut erklärt.</textarea>');
  });

  it('asks the citizen to choose when the links were opened all at once (a mail scanner)', async () => {
    await start();
    const token = await invite();
    expect((await page(token, '?antwort=ja')).status).toBe(200);
    const second = await (await page(token, '?antwort=nein')).text();
    expect(second).toContain('Ihre Antwort ist noch nicht gespeichert.');
    expect(checked(second, 'solved')).toEqual([]);
    await page(token, '?antwort=teilweise');
    expect(await feedback()).toEqual([]);
  });

  it('records nothing for HEAD (scanners and previews probe with it) nor for an answer it does not know', async () => {
    await start();
    const token = await invite();
    const head = await fetch(`${base}/anliegen/rueckmeldung/${token}?antwort=ja`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await fetch(`${base}/anliegen/rueckmeldung/${'z'.repeat(32)}?antwort=ja`, { method: 'HEAD' })).status).toBe(404);
    const unknownAnswer = await page(token, '?antwort=vielleicht');
    expect(unknownAnswer.status).toBe(200);
    expect(checked(await unknownAnswer.text(), 'solved')).toEqual([]);
    expect(await feedback()).toEqual([]);
  });

  it('says clearly that an unknown or garbled link is unknown (404)', async () => {
    await start();
    await invite();
    for (const token of ['z'.repeat(32), 'kurz', '%00%ff', 'a'.repeat(500)]) {
      const response = await page(token, '?antwort=ja');
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Diesen Link zur Umfrage kennen wir nicht.');
    }
    expect((await post(`/anliegen/rueckmeldung/${'z'.repeat(32)}`, { solved: 'yes' })).status).toBe(404);
    expect(await feedback()).toEqual([]);
  });

  it('says that an expired survey expired (410), and POST changes nothing after', async () => {
    await start();
    const token = await invite();
    await post(`/anliegen/rueckmeldung/${token}`, { solved: 'yes', rating: '5' });
    await database.db
      .updateTable('survey_invitations')
      .set({ expires_at: Date.now() - 1 })
      .execute();
    const expired = await page(token, '?antwort=nein');
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Diese Umfrage ist abgelaufen.');
    expect((await post(`/anliegen/rueckmeldung/${token}`, { solved: 'no', rating: '1' })).status).toBe(410);
    expect(await feedback()).toMatchObject([{ solved: 'yes', rating: 5 }]);
  });

  it('counts a receipt’s link as the receipt', async () => {
    await start();
    const token = await invite('receipt');
    await page(token, '?antwort=ja');
    expect(await feedback()).toMatchObject([{ solved: 'yes', source: 'receipt' }]);
  });

  it('limits the requests per address like the web form', async () => {
    await start({ WEBFORM_RATE_LIMIT: '1' });
    const token = await invite();
    for (let i = 0; i < 5; i++) expect((await page(token)).status).toBe(200);
    const limited = await page(token, '?antwort=ja');
    expect(limited.status).toBe(429);
    expect(await feedback()).toEqual([]);
  });
});

describe('the survey on the status page', () => {
  it('shows the form for a resolved case, makes the invitation with the first answer and thanks', async () => {
    await start();
    const statusToken = await issueStatusToken(database.db, caseId);
    const before = await (await fetch(`${base}/anliegen/status/${statusToken}`)).text();
    expect(before).toContain('<h2 id="survey">Ihre Rückmeldung</h2>');
    expect(before).toContain(`action="/anliegen/status/${statusToken}/rueckmeldung?lang=de"`);

    const invalid = await post(`/anliegen/status/${statusToken}/rueckmeldung?lang=de`, { rating: '3' });
    expect(invalid.status).toBe(422);
    const errors = await invalid.text();
    expect(errors).toContain('Bitte wählen Sie aus, ob Ihr Anliegen gelöst wurde.');
    expect(errors).toContain(`href="/anliegen/status/${statusToken}?lang=de">Zurück zum Stand Ihres Anliegens</a>`);
    expect(await database.db.selectFrom('survey_invitations').selectAll().execute()).toEqual([]);

    const sent = await post(`/anliegen/status/${statusToken}/rueckmeldung?lang=de`, {
      solved: 'no',
      rating: '2',
      comment: 'Zu spät.',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/anliegen/status/${statusToken}?lang=de&saved=1#survey`);
    expect(await feedback()).toMatchObject([{ solved: 'no', rating: 2, comment: 'Zu spät.', source: 'status_page' }]);
    expect(await database.db.selectFrom('survey_invitations').select('via').execute()).toEqual([{ via: 'status_page' }]);
    const after = await (await fetch(`${base}/anliegen/status/${statusToken}?lang=de&saved=1`)).text();
    expect(after).toContain('Vielen Dank für Ihre Rückmeldung! Sie ist gespeichert.');
    expect(checked(after, 'solved')).toEqual(['no']);
  });

  it('shows no form while the case is open, and refuses an answer', async () => {
    await start();
    await database.db.updateTable('cases').set({ status: 'open' }).execute();
    const statusToken = await issueStatusToken(database.db, caseId);
    expect(await (await fetch(`${base}/anliegen/status/${statusToken}`)).text()).not.toContain('rueckmeldung');
    expect((await post(`/anliegen/status/${statusToken}/rueckmeldung`, { solved: 'yes' })).status).toBe(410);
    expect((await post(`/anliegen/status/${'z'.repeat(32)}/rueckmeldung`, { solved: 'yes' })).status).toBe(404);
    expect(await feedback()).toEqual([]);
  });
});

describe('the survey pages with any input (property)', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom('ja', 'teilweise', 'nein', 'JA', ' ja', 'yes', '', '1', '5', '0', '6', 'x'.repeat(2001), '%', '[]'),
  );
  const anyBody = fc.dictionary(
    fc.oneof(fc.constantFrom('solved', 'rating', 'comment', 'lang'), fc.string({ maxLength: 10 })),
    fc.oneof(anyText, fc.array(anyText, { maxLength: 3 })),
    { maxKeys: 5 },
  );

  it('never answers with a 5xx and never changes a row unless the input is valid', async () => {
    await start({ WEBFORM_RATE_LIMIT: '10000' });
    const token = await invite();
    const statusToken = await issueStatusToken(database.db, caseId);
    await post(`/anliegen/rueckmeldung/${token}`, { solved: 'yes', rating: '3', comment: 'Anfang' });
    const valid = await feedback();
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyBody, async (garbled, answer, body) => {
        // Strangers' tokens: nothing found, nothing written, whatever comes with them.
        for (const response of [
          await page(encodeURIComponent(garbled), `?antwort=${encodeURIComponent(answer)}`),
          await post(`/anliegen/rueckmeldung/${encodeURIComponent(garbled)}`, body as Record<string, string>),
          await post(`/anliegen/status/${encodeURIComponent(garbled)}/rueckmeldung`, body as Record<string, string>),
        ])
          expect(response.status).toBeLessThan(500);
        // The real token with an answer that is none of the three: shown, not recorded.
        if (!['ja', 'teilweise', 'nein'].includes(answer)) {
          expect((await page(token, `?antwort=${encodeURIComponent(answer)}`)).status).toBe(200);
        }
        // The real token with any body: recorded only when the form is valid.
        const sent = await post(`/anliegen/rueckmeldung/${token}`, body as Record<string, string>);
        expect(sent.status).toBeLessThan(500);
        const now = await feedback();
        if (sent.status === 303) {
          expect(['yes', 'partly', 'no']).toContain(now[0]?.solved);
          await post(`/anliegen/rueckmeldung/${token}`, { solved: 'yes', rating: '3', comment: 'Anfang' });
        } else {
          expect(sent.status).toBe(422);
          expect(now.map(({ updated_at: _u, ...row }) => row)).toEqual(valid.map(({ updated_at: _u, ...row }) => row));
        }
        const onStatusPage = await post(`/anliegen/status/${statusToken}/rueckmeldung`, body as Record<string, string>);
        expect(onStatusPage.status).toBeLessThan(500);
        if (onStatusPage.status === 303)
          await post(`/anliegen/rueckmeldung/${token}`, { solved: 'yes', rating: '3', comment: 'Anfang' });
        else expect((await feedback()).map((row) => row.source)).toEqual(['email']);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

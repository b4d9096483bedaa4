import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { insertTestUser, TEST_PASSWORD } from '../test/callers.js';
import { insertTestCitizen } from '../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { HttpClient } from '../test/http-client.js';
import { testEnv } from '../test/test-env.js';
import { createApp } from './app.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './cookies.js';

/** The real Express app on a random port, spoken to with fetch like a browser would. */
let database: TestDatabase;
let server: Server;
let baseUrl: string;
let ready: boolean;

beforeEach(async () => {
  database = await createTestDatabase();
  ready = true;
  const app = createApp({ db: database.db, env: testEnv(), log: createLogger('silent'), isReady: () => ready });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await database.destroy();
});

interface TrpcErrorBody {
  error: {
    message: string;
    code: number;
    data: { code: string; httpStatus: number; appCode: string; fieldErrors?: { path: string[]; message: string }[] };
  };
}

/** A cookie-keeping HTTP client (one "browser"). */
/** A browser against this test's server; logs in with the test password unless told otherwise. */
class Browser extends HttpClient {
  constructor() {
    super(baseUrl);
  }

  override logIn(email: string, password = TEST_PASSWORD) {
    return super.logIn(email, password);
  }
}

async function sessionCount() {
  const row = await database.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('probes', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when ready and 503 when not', async () => {
    const up = await fetch(`${baseUrl}/readyz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ready' });
    ready = false;
    const down = await fetch(`${baseUrl}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', reason: 'starting or stopping' });
  });
});

describe('tRPC over HTTP', () => {
  it('answers a protected query without a session with 401 auth.unauthenticated and no stack', async () => {
    const response = await new Browser().query('users.list');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const text = await response.text();
    expect(text).not.toContain('stack');
    const body = JSON.parse(text) as TrpcErrorBody;
    expect(body.error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, appCode: 'auth.unauthenticated' });
  });

  it('gives a first visitor a CSRF cookie readable by the SPA', async () => {
    const response = await new Browser().query('auth.me');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: null } });
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith(`${CSRF_COOKIE}=`));
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/HttpOnly/i);
  });

  it('logs in with the CSRF token, sets an HttpOnly session cookie and rotates the CSRF token', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new Browser();
    await browser.query('auth.me');
    const csrfBefore = browser.cookies.get(CSRF_COOKIE);
    const response = await browser.mutation('auth.login', { email: 'anna@musterstadt.example', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: { data: { email: 'anna@musterstadt.example', role: 'agent' } } });
    const sessionCookie = response.headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE}=`));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(browser.cookies.get(CSRF_COOKIE)).toBeDefined();
    expect(browser.cookies.get(CSRF_COOKIE)).not.toBe(csrfBefore);

    const me = await browser.query('auth.me');
    expect(await me.json()).toMatchObject({ result: { data: { email: 'anna@musterstadt.example' } } });
  });

  it('answers an agent asking for the user list with 403 auth.forbidden', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new Browser();
    await browser.logIn('anna@musterstadt.example');
    const response = await browser.query('users.list');
    expect(response.status).toBe(403);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.data).toMatchObject({ code: 'FORBIDDEN', appCode: 'auth.forbidden' });
    // The same session may read what agents may read.
    expect((await browser.query('teams.list')).status).toBe(200);
  });

  it('answers only the app’s own script: an image, frame or page that points at the API (in a mail, say) gets 403 and leaves no audit row', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const citizenId = await insertTestCitizen(database.db, 'Berg', 'Berta');
    const browser = new Browser();
    await browser.logIn('anna@musterstadt.example');
    const audited = async () =>
      Number(
        (
          await database.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', 'like', 'citizen.%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const path = `/trpc/citizens.byId?input=${encodeURIComponent(JSON.stringify({ id: citizenId }))}`;
    for (const destination of ['image', 'iframe', 'document', 'style', 'script', 'object']) {
      const response = await browser.request(path, { headers: { 'sec-fetch-dest': destination } });
      expect(response.status, destination).toBe(403);
      expect(await response.json()).toMatchObject({ error: { appCode: 'auth.forbidden' } });
    }
    expect(await audited()).toBe(0);
    // fetch() and EventSource (Sec-Fetch-Dest: empty), and clients that send no such header, are served.
    expect((await browser.request(path, { headers: { 'sec-fetch-dest': 'empty' } })).status).toBe(200);
    expect((await browser.request(path)).status).toBe(200);
    expect(await audited()).toBe(2);
  });

  it('lets an admin read the user list', async () => {
    await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
    const browser = new Browser();
    await browser.logIn('admin@musterstadt.example');
    const response = await browser.query('users.list');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { email: string }[] } };
    expect(body.result.data.map((user) => user.email)).toEqual(['admin@musterstadt.example']);
    expect(JSON.stringify(body)).not.toMatch(/password|scrypt/);
  });

  it('rejects a mutation without the CSRF header with 403 auth.csrf and creates no session', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new Browser();
    await browser.query('auth.me');
    const response = await browser.mutation(
      'auth.login',
      { email: 'anna@musterstadt.example', password: TEST_PASSWORD },
      { csrf: null },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as TrpcErrorBody).error.data.appCode).toBe('auth.csrf');
    expect(await sessionCount()).toBe(0);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('rejects a CSRF header that does not match the cookie', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new Browser();
    await browser.query('auth.me');
    const response = await browser.mutation(
      'auth.login',
      { email: 'anna@musterstadt.example', password: TEST_PASSWORD },
      { csrf: 'guessed-token' },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as TrpcErrorBody).error.data.appCode).toBe('auth.csrf');
    expect(await sessionCount()).toBe(0);
  });

  it('binds the CSRF token to the session: a forged cookie and header pair is rejected once logged in', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new Browser();
    await browser.logIn('anna@musterstadt.example');
    browser.cookies.set(CSRF_COOKIE, 'forged-token');
    const response = await browser.mutation('auth.logout', undefined, { csrf: 'forged-token' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as TrpcErrorBody).error.data.appCode).toBe('auth.csrf');
    expect(await sessionCount()).toBe(1);
  });

  it('logs out: the session ends and its cookie is cleared', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new Browser();
    await browser.logIn('anna@musterstadt.example');
    const sessionCookie = browser.cookies.get(SESSION_COOKIE);
    const response = await browser.mutation('auth.logout', undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: { ok: true } } });
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount()).toBe(0);
    // The old cookie, replayed, is worth nothing.
    browser.cookies.set(SESSION_COOKIE, sessionCookie!);
    expect((await browser.query('users.list')).status).toBe(401);
  });

  it('treats an unknown session cookie as anonymous and clears it', async () => {
    const browser = new Browser();
    browser.cookies.set(SESSION_COOKIE, 'not-a-session');
    const response = await browser.query('auth.me');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: null } });
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('answers invalid input with 400 input.invalid and the field errors', async () => {
    const browser = new Browser();
    await browser.query('auth.me');
    const response = await browser.mutation('auth.login', { email: 'keine-adresse', password: '' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.message).toBe('Invalid input');
    expect(body.error.data.appCode).toBe('input.invalid');
    expect(body.error.data.fieldErrors?.map((error) => error.path).sort()).toEqual([['email'], ['password']]);
  });

  it('answers malformed JSON with 400 input.invalid', async () => {
    const browser = new Browser();
    await browser.query('auth.me');
    const response = await browser.mutation('auth.login', undefined, { rawBody: '{"email": "anna@' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('stack');
    const body = JSON.parse(text) as TrpcErrorBody;
    expect(body.error.data.appCode).toBe('input.invalid');
    // The JSON parser's own wording is not passed on.
    expect(body.error.message).toBe('Invalid input');
  });

  it("answers an oversized body as the client's mistake (413 input.invalid)", async () => {
    const browser = new Browser();
    await browser.query('auth.me');
    const response = await browser.mutation('auth.login', undefined, {
      rawBody: JSON.stringify({ email: 'anna@musterstadt.example', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as TrpcErrorBody).error.data.appCode).toBe('input.invalid');
  });

  it('answers an unknown procedure with 404 notFound', async () => {
    const response = await new Browser().query('nothing.here');
    expect(response.status).toBe(404);
    expect(((await response.json()) as TrpcErrorBody).error.data.appCode).toBe('notFound');
  });

  it('hides the details of internal failures', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new Browser();
    await browser.logIn('anna@musterstadt.example');
    // Break the query behind the overview, not the session lookup.
    await sql`drop table attachments`.execute(database.db);
    await sql`drop table interactions`.execute(database.db);
    const response = await browser.query('overview.summary');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/interactions|stack|sql/i);
    const body = JSON.parse(text) as TrpcErrorBody;
    expect(body.error.message).toBe('Internal error');
    expect(body.error.data.appCode).toBe('internal');
  });
});

describe('HTTP basics', () => {
  it('sends security headers', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.me`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // Plain HTTP in tests (COOKIE_SECURE off): no HSTS.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers an unknown path with 404 JSON', async () => {
    const response = await fetch(`${baseUrl}/api/does-not-exist`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: { message: 'Not found', appCode: 'notFound' } });
  });
});

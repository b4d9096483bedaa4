import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../db/database.js';
import { createLogger } from '../logger.js';
import { insertTestUser, TEST_PASSWORD } from '../test/callers.js';
import { HttpClient } from '../test/http-client.js';
import { createTestDatabase, type TestDatabase, unreachableDatabase } from '../test/test-db.js';
import { testEnv } from '../test/test-env.js';
import { createApp } from './app.js';
import { SESSION_COOKIE } from './cookies.js';

/**
 * The app while its database is away (PostgreSQL stopped under the running server): every request that needs it gets
 * 503 `service.unavailable`, which the browser retries and shows as a banner; nobody is signed out, nothing leaks.
 * The web form's and the SMTP listener's answers are tested with them (webform.routes.test.ts, smtp-listener.test.ts).
 */
let database: TestDatabase;
let unreachable: DB;
const servers: Server[] = [];

async function serve(db: DB): Promise<string> {
  const server = createHttpServer(createApp({ db, env: testEnv(), log: createLogger('silent'), isReady: () => true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  database = await createTestDatabase();
  unreachable = (await unreachableDatabase()).db;
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await unreachable.destroy();
  await database.destroy();
});

type ErrorBody = { error: { message: string; data: { httpStatus: number; appCode: string } } };

describe('while the database is away', () => {
  it('answers the signed-in app with 503 service.unavailable, keeps the session, and shows no detail', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    const browser = new HttpClient(await serve(database.db));
    await browser.logIn('anna@musterstadt.example', TEST_PASSWORD);
    // The same browser, now answered by a server whose database has gone.
    const cut = new HttpClient(await serve(unreachable));
    for (const [name, value] of browser.cookies) cut.cookies.set(name, value);

    for (const response of [await cut.query('cases.list', {}), await cut.mutation('auth.setLocale', { locale: 'en' })]) {
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).not.toMatch(/ECONNREFUSED|stack|127\.0\.0\.1/);
      expect((JSON.parse(text) as ErrorBody).error.data).toMatchObject({ httpStatus: 503, appCode: 'service.unavailable' });
    }
    expect(cut.cookies.has(SESSION_COOKIE)).toBe(true);
  });

  it('answers a procedure that needs it without a session (signing in) and a download with 503 too', async () => {
    const visitor = new HttpClient(await serve(unreachable));
    await visitor.query('auth.me');
    const login = await visitor.mutation('auth.login', { email: 'anna@musterstadt.example', password: 'irrelevant-1' });
    expect(login.status).toBe(503);
    expect(((await login.json()) as ErrorBody).error.data.appCode).toBe('service.unavailable');

    const download = await fetch(`${visitor.baseUrl}/attachments/1`, { headers: { cookie: `${SESSION_COOKIE}=x` } });
    expect(download.status).toBe(503);
    expect(download.headers.get('retry-after')).toBe('30');
    expect(await download.json()).toEqual({ error: { message: 'Service unavailable', appCode: 'service.unavailable' } });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { insertTestUser } from '../test/callers.js';
import { insertTestCitizen } from '../test/fixtures.js';
import { HttpClient } from '../test/http-client.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { testEnv } from '../test/test-env.js';
import { createApp } from './app.js';
import { sessionTimes } from '../modules/auth/auth.service.js';
import { sessionIdFor } from '../modules/auth/session-token.js';
import { BACKGROUND_HEADER } from './trpc-context.js';
import { SESSION_COOKIE } from './cookies.js';

/*
 * WCAG 2.2.1 Timing adjustable (issue 24): the browser warns before the session ends and offers to stay signed in.
 * It asks the server how long the session has left (`auth.session`, which is no activity), and "Angemeldet bleiben"
 * starts the idle timeout again (`auth.extend`). Requests the user did not cause leave the timeout as it is.
 * Through the real HTTP stack: the context decides what counts as activity.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const ANNA = 'anna@musterstadt.example';
const env = testEnv({ SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '2', SESSION_WARNING_SECONDS: '90' });

interface Times {
  userId: number;
  remainingMs: number;
  finalMs: number;
  warningMs: number;
}

let database: TestDatabase;
let server: Server;
let baseUrl: string;

beforeEach(async () => {
  // Only the clock is faked: the server, the database drivers and fetch keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  database = await createTestDatabase();
  server = createServer(createApp({ db: database.db, env, log: createLogger('silent'), isReady: () => true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  vi.useRealTimers();
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await database.destroy();
});

async function signedIn() {
  const user = await insertTestUser(database.db, { email: ANNA, role: 'agent' });
  const browser = new HttpClient(baseUrl);
  await browser.logIn(ANNA, 'Rathaus-Schluessel-7');
  return { browser, user };
}

const at = (time: number) => vi.setSystemTime(time);
const times = (browser: HttpClient) => browser.call<Times | null>('query', 'auth.session');

async function storedExpiry() {
  const row = await database.db.selectFrom('sessions').select('expires_at').executeTakeFirstOrThrow();
  return Number(row.expires_at);
}

describe('auth.session', () => {
  it('is null without a session', async () => {
    await expect(times(new HttpClient(baseUrl))).resolves.toBeNull();
  });

  it('tells how long the session has left, until the hard limit and when to warn, as durations', async () => {
    const { browser, user } = await signedIn();
    await expect(times(browser)).resolves.toEqual({
      userId: user.id,
      remainingMs: 30 * MINUTE,
      finalMs: 2 * HOUR,
      warningMs: 90_000,
    });
    at(T0 + 10 * MINUTE);
    await expect(times(browser)).resolves.toMatchObject({ remainingMs: 20 * MINUTE, finalMs: 2 * HOUR - 10 * MINUTE });
  });

  it('warns at most half the idle timeout ahead, so that right after extending no warning is due', async () => {
    const { browser } = await signedIn();
    const sessionId = sessionIdFor(browser.cookies.get(SESSION_COOKIE)!);
    const short = testEnv({ SESSION_IDLE_MINUTES: '5', SESSION_WARNING_SECONDS: '1800' });
    await expect(sessionTimes({ db: database.db, env: short }, sessionId)).resolves.toMatchObject({ warningMs: 150_000 });
  });

  it('is no activity: asking again and again does not keep the session alive', async () => {
    const { browser } = await signedIn();
    for (const minutes of [5, 12, 20, 29]) {
      at(T0 + minutes * MINUTE);
      await expect(times(browser)).resolves.toMatchObject({ remainingMs: (30 - minutes) * MINUTE });
    }
    expect(await storedExpiry()).toBe(T0 + 30 * MINUTE);
    at(T0 + 30 * MINUTE);
    await expect(times(browser)).resolves.toBeNull();
  });

  it('sees the activity of another tab: a request there moves the expiry it reports', async () => {
    const { browser } = await signedIn();
    const otherTab = new HttpClient(baseUrl);
    for (const [name, value] of browser.cookies) otherTab.cookies.set(name, value);
    at(T0 + 20 * MINUTE);
    expect((await otherTab.query('auth.me')).status).toBe(200);
    at(T0 + 25 * MINUTE);
    await expect(times(browser)).resolves.toMatchObject({ remainingMs: 25 * MINUTE });
  });
});

describe('what counts as activity', () => {
  it('a request the user caused moves the expiry; one marked as background does not', async () => {
    const { browser } = await signedIn();
    at(T0 + 10 * MINUTE);
    await browser.request('/trpc/auth.me', { headers: { [BACKGROUND_HEADER]: '1' } });
    expect(await storedExpiry()).toBe(T0 + 30 * MINUTE);
    // A background mutation (the presence announcement of an unattended case page) neither.
    at(T0 + 12 * MINUTE);
    await browser.request('/trpc/auth.setLocale', {
      method: 'POST',
      body: JSON.stringify({ locale: 'de' }),
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': browser.cookies.get('anliegen_csrf')!,
        [BACKGROUND_HEADER]: '1',
      },
    });
    expect(await storedExpiry()).toBe(T0 + 30 * MINUTE);
    at(T0 + 15 * MINUTE);
    await browser.query('auth.me');
    expect(await storedExpiry()).toBe(T0 + 45 * MINUTE);
  });

  it('a batch that asks for the times along with something else is activity', async () => {
    const { browser } = await signedIn();
    at(T0 + 10 * MINUTE);
    const response = await browser.request(`/trpc/auth.session,auth.me?batch=1&input=${encodeURIComponent('{}')}`);
    expect(response.status).toBe(200);
    const [session] = (await response.json()) as [{ result: { data: Times } }];
    expect(session.result.data.remainingMs).toBe(30 * MINUTE);
    expect(await storedExpiry()).toBe(T0 + 40 * MINUTE);
  });
});

describe('auth.extend ("Angemeldet bleiben")', () => {
  it('starts the idle timeout again, even within a minute of the last touch', async () => {
    const { browser } = await signedIn();
    at(T0 + 28 * MINUTE);
    await browser.query('auth.me');
    at(T0 + 28 * MINUTE + 30_000);
    await expect(browser.call<Times>('mutation', 'auth.extend')).resolves.toMatchObject({ remainingMs: 30 * MINUTE });
    expect(await storedExpiry()).toBe(T0 + 58 * MINUTE + 30_000);
    await expect(times(browser)).resolves.toMatchObject({ remainingMs: 30 * MINUTE });
  });

  it('never goes past the hard limit: near it, what is left is the time to the hard limit', async () => {
    const { browser } = await signedIn();
    for (const minutes of [25, 50, 75, 100]) {
      at(T0 + minutes * MINUTE);
      await browser.call('mutation', 'auth.extend');
    }
    at(T0 + 110 * MINUTE);
    const extended = await browser.call<Times>('mutation', 'auth.extend');
    expect(extended).toMatchObject({ remainingMs: 10 * MINUTE, finalMs: 10 * MINUTE });
    at(T0 + 2 * HOUR);
    await expect(times(browser)).resolves.toBeNull();
  });

  it('answers 401 once the session has ended: it cannot be brought back', async () => {
    const { browser } = await signedIn();
    at(T0 + 31 * MINUTE);
    const response = await browser.mutation('auth.extend', null);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe('auth.unauthenticated');
  });
});

describe('a save refused after the session ended', () => {
  it('is refused as unauthenticated (not as a CSRF failure), and goes through after signing in again in the same page', async () => {
    const { browser, user } = await signedIn();
    const citizenId = await insertTestCitizen(database.db, 'Wiedemann', 'Wilma');
    const created = await browser.call<{ id: number }>('mutation', 'cases.create', {
      citizenId,
      subject: 'Sperrmüll',
      channel: 'phone',
      text: 'Anruf',
    });
    at(T0 + 45 * MINUTE);
    const edit = { id: created.id, version: 1, status: 'waiting_internal' as const };
    const refused = await browser.mutation('cases.update', edit);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe('auth.unauthenticated');
    // The sign-in dialog over the page: the CSRF cookie the page has is still the one it sends.
    const again = await browser.mutation('auth.login', { email: ANNA, password: 'Rathaus-Schluessel-7' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { result: { data: { id: number } } }).result.data.id).toBe(user.id);
    await expect(browser.call('mutation', 'cases.update', edit)).resolves.toMatchObject({ version: 2 });
  });
});

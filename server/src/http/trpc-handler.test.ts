import type { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveHub } from '../modules/live/live-hub.js';
import { createLogger } from '../logger.js';
import { insertTestUser, TEST_PASSWORD } from '../test/callers.js';
import { HttpClient } from '../test/http-client.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { testEnv } from '../test/test-env.js';
import { createApp } from './app.js';

/** The real app: tRPC answers as the browser gets them. */
let database: TestDatabase;
let server: Server;
let client: HttpClient;
beforeEach(async () => {
  database = await createTestDatabase();
  server = createServer(createApp({ db: database.db, env: testEnv(), log: createLogger('silent'), isReady: () => true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.destroy();
});

/** Status, how the body was framed, and the body. */
async function answer(response: Response) {
  const body = await response.text();
  return {
    status: response.status,
    contentLength: response.headers.get('content-length'),
    chunked: response.headers.get('transfer-encoding') === 'chunked',
    bytes: Buffer.byteLength(body),
    body: JSON.parse(body) as unknown,
  };
}

describe('tRPC over HTTP', () => {
  it('sends complete answers in one piece with their length, errors and batches included', async () => {
    const me = await answer(await client.query('auth.me'));
    expect(me).toMatchObject({ status: 200, chunked: false, body: { result: { data: null } } });
    expect(me.contentLength).toBe(String(me.bytes));

    const refused = await answer(await client.query('cases.list', { limit: 50, direction: 'forward' }));
    expect(refused).toMatchObject({
      status: 401,
      chunked: false,
      body: { error: { data: { appCode: 'auth.unauthenticated' } } },
    });
    expect(refused.contentLength).toBe(String(refused.bytes));

    // One call of the batch fails: 207 with an answer per call, as httpBatchLink expects.
    const batch = await answer(await client.request(`/trpc/auth.me,cases.list?batch=1&input=${encodeURIComponent('{}')}`));
    expect(batch).toMatchObject({ status: 207, chunked: false });
    expect(batch.contentLength).toBe(String(batch.bytes));
    expect(batch.body).toMatchObject([{ result: { data: null } }, { error: { data: { code: 'UNAUTHORIZED' } } }]);
  });

  it('streams live events as they happen and ends the subscription when the browser leaves', async () => {
    await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
    await client.logIn('anna@musterstadt.example', TEST_PASSWORD);
    const hub = liveHub(database.db);
    // One listener per open stream on the hub's (private) emitter.
    const subscribers = () => (hub as unknown as { emitter: EventEmitter }).emitter.listenerCount('event');
    const leave = new AbortController();
    const response = await fetch(`${client.baseUrl}/trpc/live.events`, {
      headers: {
        accept: 'text/event-stream',
        cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
      signal: leave.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('content-length')).toBeNull();
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const readUntil = async (text: string) => {
      let received = '';
      while (!received.includes(text)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended before "${text}": ${received}`);
        received += chunk.value;
      }
      return received;
    };
    await readUntil('event: connected');
    expect(subscribers()).toBe(1);

    hub.publish({ kind: 'cases', caseIds: [4711] });
    expect(await readUntil('4711')).toContain('"caseIds":[4711]');

    leave.abort();
    await reader.cancel().catch(() => {});
    for (let wait = 0; subscribers() > 0 && wait < 200; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(subscribers()).toBe(0);
  });
});

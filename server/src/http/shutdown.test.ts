import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { liveHub } from '../modules/live/live-hub.js';
import { createLogger } from '../logger.js';
import { insertTestUser, TEST_PASSWORD } from '../test/callers.js';
import { HttpClient } from '../test/http-client.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { testEnv } from '../test/test-env.js';
import { createApp } from './app.js';
import { closeHttpServer } from './shutdown.js';

let database: TestDatabase;
let server: Server;
beforeEach(async () => {
  database = await createTestDatabase();
  server = createServer(createApp({ db: database.db, env: testEnv(), log: createLogger('silent'), isReady: () => true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  server.closeAllConnections();
  await database.destroy();
});

/** Opens `live.events` as the browser's EventSource does and reads until the server has said it is connected. */
async function openLiveStream(client: HttpClient) {
  const response = await client.request('/trpc/live.events', { headers: { accept: 'text/event-stream' } });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  while (!received.includes('event: connected')) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`stream ended before it connected: ${received}`);
    received += chunk.value;
  }
  return {
    /** Everything the stream sent until the server ended it. */
    async rest() {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value;
      return received;
    },
  };
}

// Issue 14 item 15: open live streams kept SIGTERM waiting for the whole SHUTDOWN_TIMEOUT_SECONDS.
it('ends open live streams first, so closing does not wait for the timeout, and browsers reconnect', async () => {
  await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
  const client = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await client.logIn('anna@musterstadt.example', TEST_PASSWORD);
  const streams = [await openLiveStream(client), await openLiveStream(client)];

  // A timeout far beyond the test's: closing resolves only because the streams ended.
  await closeHttpServer(server, liveHub(database.db), 60_000);

  for (const stream of streams) {
    const sent = await stream.rest();
    // A retryable error, not tRPC's `return`: EventSource reconnects (to another process, or after the restart).
    expect(sent).toContain('event: serialized-error');
    expect(sent).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(sent).not.toContain('event: return');
  }
  expect(server.listening).toBe(false);
});

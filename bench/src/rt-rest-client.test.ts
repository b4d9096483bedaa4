import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtRestClient } from './rt-rest-client.js';

/**
 * RT's rule since Debian's 5.0.3+dfsg-3~deb12u7 (../shared/peers/README.md), as an HTTP server on loopback: a REST2
 * write with a cookie session is refused with 403 unless its Origin is RT's own. The bench's client must pass it the
 * way a browser does; the real RT run in `pnpm bench` depends on it.
 */
let server: Server;
let baseUrl: string;
const writes: { method: string; origin: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/NoAuth/Login.html') {
      response.writeHead(200, { 'set-cookie': 'RT_SID_test.8091=abc; path=/' });
      response.end();
      return;
    }
    if (request.headers.cookie !== 'RT_SID_test.8091=abc') return json(401, { message: 'not logged in' });
    if (request.method === 'GET') return json(200, { Version: '5.0.3+dfsg-3~deb12u7' });
    writes.push({ method: request.method ?? '', origin: request.headers.origin });
    if (request.headers.origin !== baseUrl) {
      return json(403, { message: 'Cross-site request forgery protection refused this request' });
    }
    return json(201, { id: '17', type: 'ticket' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the bench client of Request Tracker', () => {
  it('sends its Origin with every write of its cookie session, as a browser does', async () => {
    const rt = await RtRestClient.logIn(baseUrl, 'root', 'password');
    expect(rt.version).toBe('5.0.3+dfsg-3~deb12u7');
    await expect(rt.request('POST', '/ticket', { Queue: 'General' })).resolves.toMatchObject({ id: '17' });
    await expect(rt.request('PUT', '/ticket/17', { Status: 'open' })).resolves.toMatchObject({ id: '17' });
    expect(writes).toEqual([
      { method: 'POST', origin: baseUrl },
      { method: 'PUT', origin: baseUrl },
    ]);
  });
});

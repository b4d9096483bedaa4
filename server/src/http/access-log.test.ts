import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessLog } from './access-log.js';

let server: Server;
let baseUrl: string;
let lines: Record<string, unknown>[];

beforeEach(async () => {
  lines = [];
  const log = pino({ level: 'debug', base: null, timestamp: false }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const app = express();
  app.use(accessLog(log, (path) => path === '/healthz'));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/cases/:reference', (req, res) => {
    req.log.info({ reference: req.params.reference }, 'looked up');
    res.json({ ok: true });
  });
  app.get('/broken', (_req, res) => {
    res.status(500).json({ error: 'internal' });
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The lines so far, once the one for the last answered request is written (after the response has gone out). */
async function loggedLines(count: number) {
  for (let wait = 0; lines.length < count && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
  return lines.map((line): Record<string, unknown> => ({ ...line, responseTime: typeof line.responseTime }));
}

describe('accessLog', () => {
  it('writes one line per request with method, path and status, never the query string', async () => {
    await fetch(`${baseUrl}/cases/2026-000042?email=anna%40example.de`);
    expect(await loggedLines(2)).toEqual([
      {
        level: 30,
        req: { method: 'GET', path: '/cases/2026-000042' },
        reference: '2026-000042',
        msg: 'looked up',
        responseTime: 'undefined',
      },
      {
        // At debug level: a request's line is for finding a fault, not for the terminal at the default level.
        level: 20,
        req: { method: 'GET', path: '/cases/2026-000042' },
        res: { statusCode: 200 },
        responseTime: 'number',
        msg: 'request completed',
      },
    ]);
  });

  it('marks answers from status 500 on as errored', async () => {
    await fetch(`${baseUrl}/broken`);
    const [line] = await loggedLines(1);
    expect(line).toMatchObject({
      level: 50,
      req: { method: 'GET', path: '/broken' },
      res: { statusCode: 500 },
      msg: 'request errored',
    });
    expect(line?.err).toMatchObject({ message: 'failed with status code 500' });
  });

  it('writes no line for ignored paths', async () => {
    await fetch(`${baseUrl}/healthz`);
    await fetch(`${baseUrl}/healthz?probe=1`);
    await fetch(`${baseUrl}/broken`);
    expect((await loggedLines(1)).map((line) => line.req)).toEqual([{ method: 'GET', path: '/broken' }]);
  });
});

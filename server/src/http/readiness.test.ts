import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type Logger } from '../logger.js';
import { createTestDatabase, fillDatabase, type TestDatabase, unreachableDatabase } from '../test/test-db.js';
import { testEnv } from '../test/test-env.js';
import { createServer as createNetServer, type Socket } from 'node:net';
import { openDatabase } from '../db/database.js';
import { createApp } from './app.js';
import { createReadiness } from './readiness.js';

/**
 * /readyz says "ready" only when the server can store what it is sent: a write to the database (rolled back) and a
 * file in the attachment store. An incident is logged once with its real cause, not once per probe.
 */
let database: TestDatabase;
let server: Server;
let baseUrl: string;
let log: Logger;
let dataDir: string;
let attachmentsDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'anliegen-ready-'));
  attachmentsDir = join(dataDir, 'attachments');
  log = createLogger('silent');
  const env = testEnv({ ATTACHMENTS_DIR: attachmentsDir });
  server = createServer(createApp({ db: database.db, env, log, isReady: () => true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

async function probe() {
  const response = await fetch(`${baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

describe('/readyz', () => {
  it('is ready when the database and the attachment store can be written, and leaves nothing behind', async () => {
    expect(await probe()).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await probe()).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await database.db.selectFrom('used_form_tokens').selectAll().execute()).toEqual([]);
  });

  it('answers 503 while the database cannot write, logs the real cause once per incident, and recovers', async () => {
    const errors = vi.spyOn(log, 'error');
    const infos = vi.spyOn(log, 'info');
    const restore = await fillDatabase(database, ['used_form_tokens']);
    for (let i = 0; i < 3; i++) {
      expect(await probe()).toEqual({ status: 503, body: { status: 'unavailable', reason: 'database not writable' } });
    }
    expect(errors).toHaveBeenCalledTimes(1);
    const [fields, message] = errors.mock.calls[0] as unknown as [{ err: { code?: string; message: string } }, string];
    expect(message).toBe('not ready: database not writable');
    expect(fields.err.code).toBe(database.dialect === 'sqlite' ? 'SQLITE_FULL' : '53100');

    await restore();
    expect((await probe()).status).toBe(200);
    expect(infos).toHaveBeenCalledWith({ reason: 'database not writable' }, 'ready again');
    // A new incident is logged again.
    const again = await fillDatabase(database, ['used_form_tokens']);
    expect((await probe()).status).toBe(503);
    expect(errors).toHaveBeenCalledTimes(2);
    await again();
  });

  it('answers 503 when the attachment store is not a writable directory', async () => {
    const errors = vi.spyOn(log, 'error');
    // Tests run as root, whom chmod does not stop: a file where the directory should be does.
    writeFileSync(attachmentsDir, 'kein Verzeichnis');
    expect(await probe()).toEqual({ status: 503, body: { status: 'unavailable', reason: 'attachments not writable' } });
    expect(await probe()).toEqual({ status: 503, body: { status: 'unavailable', reason: 'attachments not writable' } });
    expect(errors).toHaveBeenCalledTimes(1);
    expect((errors.mock.calls[0]![0] as { err: { code: string } }).err.code).toMatch(/^(EEXIST|ENOTDIR)$/);

    rmSync(attachmentsDir);
    mkdirSync(attachmentsDir);
    expect(await probe()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('answers quickly that the database is unreachable when it refuses connections or does not answer at all', async () => {
    const errors = vi.spyOn(log, 'error');
    // Refused (PostgreSQL stopped), then silent (a cut network: connections are accepted by nobody and never answered).
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const stopped = await unreachableDatabase();
    const unanswered = openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/x`, sqlitePath: '' });
    try {
      for (const { db } of [stopped, unanswered]) {
        const env = testEnv({ ATTACHMENTS_DIR: attachmentsDir, DATABASE_URL: 'postgres://unused' });
        const readiness = createReadiness({ db, env, log, isReady: () => true, probeTimeoutMs: 300 });
        const started = Date.now();
        expect(await readiness()).toBe('database unreachable');
        expect(await readiness()).toBe('database unreachable');
        expect(Date.now() - started).toBeLessThan(2000);
      }
      // Once per incident (each readiness here is a server of its own).
      expect(errors.mock.calls.map((call) => call[1])).toEqual([
        'not ready: database unreachable',
        'not ready: database unreachable',
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await stopped.db.destroy();
      // Its connection attempts end with the sockets; the pool is not waited for.
      void unanswered.db.destroy().catch(() => undefined);
    }
  });
});

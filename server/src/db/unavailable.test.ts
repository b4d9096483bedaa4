import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/domain-error.js';
import { createTestDatabase, fillDatabase, type TestDatabase, unreachableDatabase } from '../test/test-db.js';
import { openDatabase, pingDatabase } from './database.js';
import { isDatabaseConnectionFailure, isDatabaseUnavailable } from './unavailable.js';

/**
 * Which failures mean "the database is not there now" (the request is refused for retry: SMTP 451, the web form kept,
 * 503 to the app) and which are the request's own. Read from errors the drivers really throw, not written by hand.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a failure'),
    (error: unknown) => error,
  );
}

describe('a database that is not there', () => {
  it('refused connections are a connection failure', async () => {
    const { db } = await unreachableDatabase();
    cleanups.push(() => db.destroy());
    const error = await failure(pingDatabase(db));
    expect(isDatabaseConnectionFailure(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('a server that accepts and then says nothing, or hangs up, is a connection failure', async () => {
    const sockets = new Set<Socket>();
    let hangUp = false;
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      if (hangUp) socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const url = `postgres://postgres@127.0.0.1:${(server.address() as { port: number }).port}/x`;
    const silent = new pg.Client({ connectionString: url, connectionTimeoutMillis: 200 });
    const timedOut = await failure(silent.connect());
    expect(isDatabaseConnectionFailure(timedOut)).toBe(true);
    hangUp = true;
    const cut = await failure(new pg.Client({ connectionString: url }).connect());
    expect(isDatabaseConnectionFailure(cut)).toBe(true);
  });

  it('a locked, full or read-only SQLite database cannot store, without being a lost connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anliegen-unavailable-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'db.sqlite');
    const writer = new SQLite(path);
    writer.exec('create table t (x integer)');
    writer.exec('begin immediate');
    const other = new SQLite(path);
    other.pragma('busy_timeout = 0');
    const readOnly = new SQLite(path, { readonly: true });
    cleanups.push(() => {
      writer.close();
      other.close();
      readOnly.close();
    });
    const busy = (() => {
      try {
        other.exec('insert into t values (1)');
      } catch (error) {
        return error;
      }
    })();
    const refused = (() => {
      try {
        readOnly.exec('insert into t values (1)');
      } catch (error) {
        return error;
      }
    })();
    expect(busy).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(refused).toMatchObject({ code: 'SQLITE_READONLY' });
    for (const error of [busy, refused]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(isDatabaseConnectionFailure(error)).toBe(false);
    }
  });

  it('the request’s own mistakes are not an outage', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.destroy());
    const syntax = await failure(sql`selec 1`.execute(database.db));
    await database.db.insertInto('used_form_tokens').values({ token_hash: 'a', expires_at: 1 }).execute();
    const duplicate = await failure(
      database.db.insertInto('used_form_tokens').values({ token_hash: 'a', expires_at: 1 }).execute(),
    );
    for (const error of [syntax, duplicate, new DomainError('notFound', 'gone'), new Error('boom'), null, 'ECONNREFUSED']) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });

  it('a full database cannot store', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.destroy());
    await fillDatabase(database, ['teams']);
    const full = await failure(
      database.db
        .insertInto('teams')
        .values({ name: 'x'.repeat(5000), email_address: null, created_at: 1, updated_at: 1 })
        .execute(),
    );
    expect(isDatabaseUnavailable(full)).toBe(true);
  });

  it('the answer is the same for an error wrapped as a cause or in an AggregateError', () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const mistake = Object.assign(new Error('duplicate key'), { code: '23505' });
    const wrap = fc.constantFrom(
      (inner: unknown) => new Error('procedure failed', { cause: inner }),
      (inner: unknown) => new AggregateError([new Error('other'), inner]),
    );
    fc.assert(
      fc.property(fc.array(wrap, { maxLength: 4 }), fc.boolean(), (wrappers, isOutage) => {
        const error = wrappers.reduce<unknown>((inner, wrapper) => wrapper(inner), isOutage ? outage : mistake);
        expect(isDatabaseUnavailable(error)).toBe(isOutage);
      }),
    );
  });
});

// PostgreSQL stopped or restarted under a running server: its connections are cut.
describe.runIf(process.env.TEST_DIALECT === 'postgres')('PostgreSQL cutting connections', () => {
  let database: TestDatabase;
  const terminateOthers = (db: TestDatabase['db']) =>
    sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(db);

  it('an idle connection that is cut does not end the process, and the pool connects anew', async () => {
    database = await createTestDatabase();
    cleanups.push(() => database.destroy());
    const lost: Error[] = [];
    const handle = openDatabase({ databaseUrl: database.url, sqlitePath: '', onConnectionLost: (error) => lost.push(error) });
    cleanups.push(() => handle.db.destroy());
    // Two idle connections in the pool.
    await Promise.all([pingDatabase(handle.db), pingDatabase(handle.db)]);
    // Without a listener on the pool, this was an unhandled 'error' event: the test run (and the server) crashed.
    await terminateOthers(database.db);
    // Both idle connections hear of it, each in its own time: until the second has, the pool could still hand it out.
    for (let i = 0; i < 100 && lost.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lost).toHaveLength(2);
    expect(lost.every((error) => isDatabaseConnectionFailure(error))).toBe(true);
    await pingDatabase(handle.db);
  });

  it('a statement cut off by a shutdown is a connection failure', async () => {
    database = await createTestDatabase();
    cleanups.push(() => database.destroy());
    const handle = openDatabase({ databaseUrl: database.url, sqlitePath: '' });
    cleanups.push(() => handle.db.destroy());
    await pingDatabase(handle.db);
    const sleeping = failure(sql`select pg_sleep(10)`.execute(handle.db));
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and query like 'select pg_sleep%'`.execute(database.db);
      if (rows[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await terminateOthers(database.db);
    const error = await sleeping;
    expect(error).toMatchObject({ code: '57P01' });
    expect(isDatabaseConnectionFailure(error)).toBe(true);
  });
});

import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { connectLiveToPostgres, type LiveEvent, LiveHub, liveHub } from './live-hub.js';

/** Collects what a hub delivers until `stop()`. */
function listen(hub: LiveHub) {
  const received: LiveEvent[] = [];
  const controller = new AbortController();
  const done = (async () => {
    for await (const event of hub.events(controller.signal)) received.push(event);
  })();
  return {
    received,
    done,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

/** Waits up to 10 s for a condition that the code under test makes true by itself. */
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(check()).toBe(true);
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('live hub', () => {
  it('delivers events to every subscriber until they stop listening', async () => {
    const hub = new LiveHub();
    const first = listen(hub);
    const second = listen(hub);
    hub.publish({ kind: 'cases', caseIds: [1, 2] });
    await until(() => first.received.length > 0 && second.received.length > 0);
    await first.stop();
    hub.publish({ kind: 'notification', userId: 7 });
    await until(() => second.received.length > 1);
    await second.stop();
    expect(first.received).toEqual([{ kind: 'cases', caseIds: [1, 2] }]);
    expect(second.received).toEqual([
      { kind: 'cases', caseIds: [1, 2] },
      { kind: 'notification', userId: 7 },
    ]);
  });

  it('forgets presence that was not repeated within 45 seconds', () => {
    const hub = new LiveHub();
    hub.publish({
      kind: 'presence',
      caseId: 3,
      userId: 1,
      name: 'Anna',
      state: 'viewing',
      at: 1_000,
      caseTeamId: null,
      caseAssigneeId: null,
    });
    expect(hub.presenceOn(3, 30_000)).toEqual([{ userId: 1, name: 'Anna', state: 'viewing' }]);
    expect(hub.presenceOn(3, 47_000)).toEqual([]);
  });
});

// Two server processes on one PostgreSQL database: each has its own handle; LISTEN/NOTIFY joins them.
describe.runIf(process.env.TEST_DIALECT === 'postgres')('live updates across processes (PostgreSQL)', () => {
  let database: TestDatabase;
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await database.destroy();
  });

  it('an event published by one process reaches the subscribers of the other, and its own', async () => {
    database = await createTestDatabase();
    const second = openDatabase({ databaseUrl: database.url, sqlitePath: '' });
    stops.push(() => second.db.destroy());
    const log = createLogger('silent');
    stops.unshift(await connectLiveToPostgres(database.db, database.url as string, log));
    stops.unshift(await connectLiveToPostgres(second.db, database.url as string, log));
    const there = listen(liveHub(second.db));
    const here = listen(liveHub(database.db));
    liveHub(database.db).publish({ kind: 'cases', caseIds: [42] });
    await until(() => there.received.length > 0 && here.received.length > 0);
    await there.stop();
    await here.stop();
    expect(there.received).toEqual([{ kind: 'cases', caseIds: [42] }]);
    expect(here.received).toEqual([{ kind: 'cases', caseIds: [42] }]);
  });

  it('listens again once the database is back after a lost connection, and restarts the streams that missed events', async () => {
    database = await createTestDatabase();
    const second = openDatabase({ databaseUrl: database.url, sqlitePath: '' });
    stops.push(() => second.db.destroy());
    const log = createLogger('silent');
    const warn = vi.spyOn(log, 'warn');
    stops.unshift(await connectLiveToPostgres(database.db, database.url as string, log));
    stops.unshift(await connectLiveToPostgres(second.db, database.url as string, log));
    const before = listen(liveHub(database.db));
    let ended = false;
    void before.done.then(() => (ended = true));
    const name = new URL(database.url as string).pathname.slice(1);
    // Another database of the server: the test's own may not refuse connections while it is connected to it.
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    stops.push(() => admin.end());
    // The database refuses new connections for a while, as a stopped one would: the first attempts to listen again
    // fail (the listener used to try once, after a second, and then never again).
    await admin.query(`alter database "${name}" allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query like 'LISTEN%'`, [
      name,
    ]);
    await waitFor(() => warn.mock.calls.some((call) => call[1] === 'live updates: connection lost, reconnecting'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(ended).toBe(false);
    await admin.query(`alter database "${name}" allow_connections true`);
    // Back: the stream that may have missed events ends (the browser reconnects and refetches), and a new one hears
    // the other process again.
    await waitFor(() => ended);
    const after = listen(liveHub(database.db));
    liveHub(second.db).publish({ kind: 'cases', caseIds: [7] });
    await waitFor(() => after.received.length > 0);
    await after.stop();
    expect(after.received).toEqual([{ kind: 'cases', caseIds: [7] }]);
  });
});

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from './bench-options.js';
import { type DataSet, ensureDataSet } from './data-set.js';
import { type BenchPostgres, ensurePgDataSet, pgDataSetName, pgWorkCopy, startBenchPostgres } from './pg-data-set.js';

/**
 * The data set on PostgreSQL, at a few hundred cases: on the server at TEST_DATABASE_URL, else on a private cluster
 * of its own (initdb in a temporary directory, a free port); skipped when there is neither.
 */
const dir = mkdtempSync(join(tmpdir(), 'anliegen-pg-data-set-'));
// mkdtemp makes it private to us; when we are root, the cluster in it runs as postgres.
chmodSync(dir, 0o755);
const log = () => {};
let server: BenchPostgres | null = null;
let skipped = 'not started';
let dataSet: DataSet;

beforeAll(async () => {
  dataSet = await ensureDataSet(parseBenchArgs(['--citizens', '200', '--cases', '500', '--data-dir', dir])!, log);
  if (process.env.TEST_DATABASE_URL) {
    server = { url: process.env.TEST_DATABASE_URL, description: 'TEST_DATABASE_URL', stop: async () => {} };
    return;
  }
  const started = await startBenchPostgres(dir, log, { port: await freePort() });
  if ('skipped' in started) skipped = started.skipped;
  else server = started;
}, 60_000);

afterAll(async () => {
  if (server) {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    for (const name of [pgDataSetName(dataSet), `${pgDataSetName(dataSet)}__loading`]) {
      await admin.query(`alter database ${pg.escapeIdentifier(name)} with is_template false`).catch(() => {});
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)}`);
    }
    await admin.end();
    await server.stop();
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the bench data set on PostgreSQL', () => {
  it('is --no-pg to leave out', () => {
    expect(parseBenchArgs([])!.pg).toBe(true);
    expect(parseBenchArgs(['--no-pg'])!.pg).toBe(false);
  });

  it("holds exactly SQLite's rows, and a work copy continues SQLite's ids without touching it", async ({ skip }) => {
    if (!server) return skip(`no PostgreSQL: ${skipped}`);
    const loaded = await ensurePgDataSet(server.url, dataSet, log, { fresh: true });
    expect(loaded).toMatchObject({ database: 'bench_custom_200_500_2026', reused: false });

    const copy = await pgWorkCopy(server.url, loaded.database);
    const client = new pg.Client({ connectionString: copy.url });
    await client.connect();
    const sqlite = new SQLite(dataSet.path, { readonly: true });
    try {
      for (const table of ['users', 'teams', 'categories', 'citizens', 'contact_points', 'cases', 'interactions']) {
        const columns = (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name).join(', ');
        const expected = sqlite.prepare(`select ${columns} from ${table} order by id`).all();
        const { rows } = await client.query(`select ${columns} from ${table} order by id`);
        expect(rows.length, table).toBeGreaterThan(0);
        // int8 comes back as a number (the server's type parser); integers, texts and nulls as they are.
        expect(rows, table).toEqual(expected);
      }
      const { rows } = await client.query<{ id: number }>(
        "insert into citizens (display_name, created_at, updated_at) values ('Neu', 1, 1) returning id",
      );
      expect(rows[0]!.id).toBe(dataSet.info.citizens + 1);
      // PostgreSQL computed its full-text column for the copied rows, and the index over it was built again.
      const { text } = sqlite.prepare('select text from interactions order by id limit 1').get() as { text: string };
      const word = text.split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length)[0]!;
      await client.query('set enable_seqscan = off');
      const found = await client.query<{ id: number }>(
        "select id from interactions where search_vector @@ plainto_tsquery('german', $1) order by id limit 1",
        [word],
      );
      expect(found.rows[0]?.id, word).toBe(1);
    } finally {
      sqlite.close();
      await client.end();
      await copy.drop();
    }

    const second = await pgWorkCopy(server.url, loaded.database);
    const check = new pg.Client({ connectionString: second.url });
    await check.connect();
    const { rows } = await check.query<{ n: string }>('select count(*) as n from citizens');
    await check.end();
    await second.drop();
    expect(Number(rows[0]!.n)).toBe(dataSet.info.citizens);
  });

  it('is reused while it matches the data set, and loaded again when not', async ({ skip }) => {
    if (!server) return skip(`no PostgreSQL: ${skipped}`);
    await ensurePgDataSet(server.url, dataSet, log);
    expect(await ensurePgDataSet(server.url, dataSet, log)).toMatchObject({ reused: true });
    const regenerated: DataSet = { ...dataSet, info: { ...dataSet.info, now: dataSet.info.now + 1 } };
    expect(await ensurePgDataSet(server.url, regenerated, log)).toMatchObject({ reused: false });
    expect(await ensurePgDataSet(server.url, regenerated, log)).toMatchObject({ reused: true });
    expect(await ensurePgDataSet(server.url, regenerated, log, { fresh: true })).toMatchObject({ reused: false });
  });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

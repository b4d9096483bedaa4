import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { migrations } from '../../server/src/db/migrations/index.js';
import type { DataSet, DataSetInfo } from './data-set.js';

/**
 * The bench's data set on PostgreSQL: a private cluster kept beside the SQLite data sets (or the server at
 * BENCH_DATABASE_URL), one pristine database per data set holding exactly the SQLite file's rows, and a throwaway
 * copy of it per run (`CREATE DATABASE … TEMPLATE`), since a run writes.
 */

/** The private cluster's port unless the caller picks another (the test suite's clusters use 5488). */
export const BENCH_PG_PORT = 5499;

/**
 * The one setting that differs from a fresh cluster's defaults. The default 128 MB holds a seventh of the default data
 * set (913 MB with indexes; cases alone 295 MB), so "warm" queries would mostly be served through the kernel's page
 * cache, which no production server is tuned for; 512 MB keeps the hot part (cases and their indexes, the recent
 * interactions) in PostgreSQL's own cache, as a modest dedicated server would. Everything else (fsync,
 * synchronous_commit, WAL) keeps its durable default.
 */
const SHARED_BUFFERS = '512MB';

/** Bumped whenever the loader's output changes, so databases loaded by an older loader are loaded again. */
const LOAD_FORMAT = 1;
/** Rows per INSERT (as one array per column, see copyTable). */
const BATCH_ROWS = 5000;
/** Tables loaded, and indexes built, side by side. */
const CONCURRENCY = 2;
/** Per index build (session setting only, two sessions at a time). */
const MAINTENANCE_WORK_MEM = '1GB';

export interface BenchPostgres {
  /** A connection string to the server's maintenance database (`postgres`), for ensurePgDataSet and pgWorkCopy. */
  url: string;
  /** For the log and the report: where the server is (never a password). */
  description: string;
  /** Stops the private cluster (its files stay for the next run); nothing for BENCH_DATABASE_URL. */
  stop(): Promise<void>;
}

export interface PgDataSet {
  /** The pristine database: a template (connections not allowed); measure on a pgWorkCopy of it. */
  database: string;
  reused: boolean;
  /** How long loading it took (the earlier load's time when reused). */
  seconds: number;
}

export interface PgWorkCopy {
  url: string;
  database: string;
  drop(): Promise<void>;
}

type Log = (message: string) => void;

// ---------------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------------

/**
 * A PostgreSQL server for the bench: BENCH_DATABASE_URL when set, else a private cluster in `<dataDir>/pg-<port>`
 * (initdb on first use; the loaded databases stay there for later runs) on 127.0.0.1:<port>, run as `postgres`
 * when we are root. `{ skipped }` when this machine has no PostgreSQL to start (binaries, user), so the bench runs
 * on SQLite alone; other failures (say the port is taken by another server) throw with the server's log.
 */
export async function startBenchPostgres(
  dataDir: string,
  log: Log,
  options: { port?: number } = {},
): Promise<BenchPostgres | { skipped: string }> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const description = `PostgreSQL at BENCH_DATABASE_URL (${describeUrl(external)})`;
    const version = await serverVersion(external).catch((error: Error) => {
      throw new Error(`BENCH_DATABASE_URL does not answer: ${error.message}`);
    });
    log(`${description}: ${version}`);
    return { url: external, description, stop: async () => {} };
  }

  const bin = findPostgresBin();
  if (!bin) {
    return {
      skipped:
        'no PostgreSQL binaries (looked at BENCH_PG_BIN, /usr/lib/postgresql/*/bin and PATH); ' +
        'install PostgreSQL or set BENCH_DATABASE_URL',
    };
  }
  const asPostgres = process.getuid?.() === 0;
  const owner = asPostgres ? postgresUser() : null;
  if (asPostgres && !owner) return { skipped: 'running as root, and there is no user "postgres" to run PostgreSQL as' };

  const port = options.port ?? BENCH_PG_PORT;
  const dir = join(dataDir, `pg-${port}`);
  const pgdata = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  mkdirSync(dir, { recursive: true });
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const tool = (name: string, args: string[]) => run(join(bin, name), args, asPostgres);
  if (asPostgres && (await run('test', ['-w', dir, '-a', '-x', dir], true)).code !== 0) {
    return {
      skipped: `the user postgres cannot write ${dir} (a directory above it is closed to it); use --data-dir elsewhere or BENCH_DATABASE_URL`,
    };
  }

  const binVersion = /\(PostgreSQL\)\s+(\d+)/.exec((await tool('pg_ctl', ['--version'])).output)?.[1];
  const versionFile = join(pgdata, 'PG_VERSION');
  if (existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim() !== binVersion) {
    log(`PostgreSQL cluster ${pgdata} is from version ${readFileSync(versionFile, 'utf8').trim()}; made anew for ${binVersion}`);
    await tool('pg_ctl', ['-D', pgdata, '-m', 'immediate', 'stop']);
    rmSync(pgdata, { recursive: true, force: true });
  }
  if (!existsSync(versionFile)) {
    // initdb into a side directory, renamed when complete: an interrupted initdb is never taken for a cluster.
    const partial = join(dir, 'data.partial');
    rmSync(partial, { recursive: true, force: true });
    const initdb = await tool('initdb', ['-D', partial, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    if (initdb.code !== 0) throw new Error(`initdb failed for ${partial}:\n${initdb.output}`);
    renameSync(partial, pgdata);
    log(`PostgreSQL ${binVersion} cluster created in ${pgdata}`);
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const running = (await tool('pg_ctl', ['-D', pgdata, 'status'])).code === 0;
  if (running) {
    log(`PostgreSQL on 127.0.0.1:${port} was still running (${pgdata}); used as it is`);
  } else {
    // No Unix socket: its path would be the data directory's, which can be longer than a socket path may be.
    const settings = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=${SHARED_BUFFERS}`;
    const started = await tool('pg_ctl', ['-D', pgdata, '-l', logFile, '-w', '-t', '300', '-o', settings, 'start']);
    if (started.code !== 0) {
      throw new Error(
        `PostgreSQL did not start on 127.0.0.1:${port} (${pgdata}):\n${started.output}\n${tail(logFile)}\n` +
          'Another server on that port? Stop it, or set BENCH_DATABASE_URL.',
      );
    }
  }
  const version = await serverVersion(url);
  const description = `PostgreSQL ${version} on 127.0.0.1:${port} (${pgdata})`;
  log(description);
  let stopping: Promise<void> | null = null;
  return {
    url,
    description,
    stop: () => {
      stopping ??= tool('pg_ctl', ['-D', pgdata, '-m', 'fast', '-w', 'stop']).then((stopped) => {
        if (stopped.code !== 0) log(`PostgreSQL did not stop cleanly: ${stopped.output.trim()}`);
      });
      return stopping;
    },
  };
}

function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.BENCH_PG_BIN) candidates.push(process.env.BENCH_PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    // 15 first (what CI and the test clusters use), then the newest.
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    for (const version of ['15', ...versions]) candidates.push(join(debian, version, 'bin'));
  }
  candidates.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name)))) ?? null;
}

function postgresUser(): { uid: number; gid: number } | null {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A program's exit code and its output (both streams); as `postgres` through runuser when asked. */
function run(file: string, args: string[], asPostgres: boolean): Promise<{ code: number; output: string }> {
  const [command, commandArgs] = asPostgres ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return new Promise((done, fail) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? 1, output }));
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
    return rows[0]!.v;
  });
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The pristine database per data set
// ---------------------------------------------------------------------------------------------------------------

/** What a loaded database was loaded from, kept as its COMMENT: a later run reuses it only when all of it matches. */
interface Marker {
  format: number;
  dataSet: DataSetInfo;
  /** The migrations that made its schema: a new migration loads again. */
  migrations: string[];
  /** Their code, hashed: a migration changed while it is being written (same name) loads again too. */
  migrationsHash: string;
  loadSeconds: number;
}

/** The database of a data set: `bench_default_2026` for `default-2026.sqlite`. */
export function pgDataSetName(dataSet: DataSet): string {
  return `bench_${basename(dataSet.path, '.sqlite')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')}`;
}

/**
 * The data set as a database on the server at `serverUrl` (its maintenance database): created, migrated with the
 * server's migrations and filled with exactly the SQLite file's rows (same ids), sequences set where SQLite's
 * AUTOINCREMENT would continue, vacuumed and analysed. Reused when its marker matches the data set (unless `fresh`).
 * Loaded under a temporary name and renamed when complete, so an interrupted load is never reused. The database is
 * then a template that takes no connections: it stays pristine; measure on a `pgWorkCopy`.
 */
export async function ensurePgDataSet(
  serverUrl: string,
  dataSet: DataSet,
  log: Log,
  options: { fresh?: boolean } = {},
): Promise<PgDataSet> {
  const database = pgDataSetName(dataSet);
  const loading = `${database}__loading`;
  checkName(loading);
  const expected: Omit<Marker, 'loadSeconds'> = {
    format: LOAD_FORMAT,
    dataSet: dataSet.info,
    migrations: Object.keys(migrations),
    migrationsHash: createHash('sha256')
      .update(
        Object.values(migrations)
          .map((migration) => `${migration.up}\n${migration.down ?? ''}`)
          .join('\n'),
      )
      .digest('hex'),
  };

  const existing = await withClient(serverUrl, async (admin) => {
    await dropStaleWorkCopies(admin, database, log);
    const { rows } = await admin.query<{ comment: string | null }>(
      "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
      [database],
    );
    return rows.length === 0 ? null : parseMarker(rows[0]!.comment);
  });
  if (existing && !options.fresh && sameMarker(existing, expected)) {
    log(`PostgreSQL data set ${database} reused (loaded in ${existing.loadSeconds.toFixed(1)} s; --fresh loads it again)`);
    return { database, reused: true, seconds: existing.loadSeconds };
  }
  if (existing === null) log(`PostgreSQL data set ${database}: loading from ${dataSet.path}`);
  else log(`PostgreSQL data set ${database}: ${options.fresh ? '--fresh' : staleBecause(existing, expected)}, loading again`);

  const started = performance.now();
  await withClient(serverUrl, async (admin) => {
    await dropDatabase(admin, loading);
    await admin.query(`create database ${pg.escapeIdentifier(loading)}`);
  });
  const loadingUrl = databaseUrl(serverUrl, loading);
  const { db } = openDatabase({ databaseUrl: loadingUrl, sqlitePath: '' });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }

  const pool = new pg.Pool({ connectionString: loadingUrl, max: CONCURRENCY });
  let loadSeconds: number;
  try {
    await fill(pool, dataSet.path, log);
    loadSeconds = (performance.now() - started) / 1000;
    const marker: Marker = { ...expected, loadSeconds };
    await pool.query(`comment on database ${pg.escapeIdentifier(loading)} is ${pg.escapeLiteral(JSON.stringify(marker))}`);
  } finally {
    await pool.end();
  }

  await withClient(serverUrl, async (admin) => {
    await dropDatabase(admin, database);
    await admin.query(`alter database ${pg.escapeIdentifier(loading)} rename to ${pg.escapeIdentifier(database)}`);
    // A template nobody connects to: a run's writes land in its copy, and copying needs no connections on it.
    await admin.query(`alter database ${pg.escapeIdentifier(database)} with is_template true allow_connections false`);
    const { rows } = await admin.query<{ size: string }>('select pg_size_pretty(pg_database_size($1)) as size', [database]);
    log(`PostgreSQL data set ${database} loaded in ${loadSeconds.toFixed(1)} s (${rows[0]!.size})`);
  });
  return { database, reused: false, seconds: loadSeconds };
}

interface ColumnInfo {
  name: string;
  type: string;
  /** An identity column ('a' always, 'd' by default) or '' */
  identity: string;
  serial: boolean;
}

interface TablePlan {
  name: string;
  columns: ColumnInfo[];
  /** Identity or serial columns, whose sequences continue after the copied ids. */
  sequenced: ColumnInfo[];
  sqliteRows: number;
  /** SQLite's AUTOINCREMENT counter (sqlite_sequence), the next id's predecessor. */
  sqliteSequence: number;
}

/** Everything between "migrated" and "ready": rows, indexes, constraints, sequences, statistics, checks. */
async function fill(pool: pg.Pool, sqlitePath: string, log: Log): Promise<void> {
  const plans = await planTables(pool, sqlitePath, log);

  // Indexes and unique and foreign keys are dropped for the load and built again afterwards: a sorted build is many
  // times faster than keeping dozens of indexes (one of them a German full-text GIN) up to date row by row, and foreign
  // keys would else have to be loaded in dependency order, which cases.merged_into_id (a case pointing to a later
  // case) does not allow. What is built afterwards is checked against what the migrations made.
  const tables = plans.map((plan) => plan.name);
  const before = await secondaryStructures(pool, tables);
  for (const item of before.filter((s) => s.kind === 'foreign key')) {
    await pool.query(`alter table ${pg.escapeIdentifier(item.table)} drop constraint ${pg.escapeIdentifier(item.name)}`);
  }
  for (const item of before.filter((s) => s.kind === 'unique')) {
    await pool.query(`alter table ${pg.escapeIdentifier(item.table)} drop constraint ${pg.escapeIdentifier(item.name)}`);
  }
  for (const item of before.filter((s) => s.kind === 'index')) await pool.query(`drop index ${pg.escapeIdentifier(item.name)}`);

  let phase = performance.now();
  const copied = new Map<string, number>();
  await eachConcurrently(
    [...plans].sort((a, b) => b.sqliteRows - a.sqliteRows),
    async (plan) => {
      const tableStarted = performance.now();
      copied.set(plan.name, await copyTable(pool, sqlitePath, plan));
      if (plan.sqliteRows >= 10_000) {
        log(`  ${plan.name}: ${plan.sqliteRows} rows in ${((performance.now() - tableStarted) / 1000).toFixed(1)} s`);
      }
    },
  );
  log(`  rows copied in ${seconds(phase)} s`);

  phase = performance.now();
  // Largest tables first, so the long builds (interactions' full-text index) start at once.
  const sizeOf = new Map(plans.map((plan) => [plan.name, plan.sqliteRows]));
  const builds = before
    .filter((s) => s.kind !== 'foreign key')
    .sort((a, b) => (sizeOf.get(b.table) ?? 0) - (sizeOf.get(a.table) ?? 0));
  await eachConcurrently(builds, async (item) => {
    const client = await pool.connect();
    try {
      await client.query(`set maintenance_work_mem = '${MAINTENANCE_WORK_MEM}'`);
      await client.query(item.create);
    } finally {
      client.release();
    }
  });
  // One at a time: adding a foreign key locks both tables, in an order that two at once could deadlock on.
  for (const item of before.filter((s) => s.kind === 'foreign key')) await pool.query(item.create);
  const after = await secondaryStructures(pool, tables);
  const key = (s: Structure) => `${s.kind} ${s.table} ${s.name} ${s.create}`;
  const missing = before.map(key).filter((k) => !after.map(key).includes(k));
  const extra = after.map(key).filter((k) => !before.map(key).includes(k));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `indexes and constraints differ from the migrations' after the load:\n-${missing.join('\n-')}\n+${extra.join('\n+')}`,
    );
  }
  log(`  ${before.length} indexes and constraints built in ${seconds(phase)} s`);

  for (const plan of plans) {
    for (const column of plan.sequenced) {
      const { rows } = await pool.query<{ seq: string | null; max: number | null }>(
        `select pg_get_serial_sequence($1, $2) as seq, (select max(${pg.escapeIdentifier(column.name)}) from ${pg.escapeIdentifier(plan.name)}) as max`,
        [pg.escapeIdentifier(plan.name), column.name],
      );
      const { seq, max } = rows[0]!;
      if (!seq) continue;
      // Where SQLite's AUTOINCREMENT would continue: after the largest id it ever handed out (deleted rows included).
      const last = Math.max(max ?? 0, column.name === 'id' ? plan.sqliteSequence : 0);
      if (last > 0) await pool.query('select setval($1, $2, true)', [seq, last]);
      else await pool.query('select setval($1, 1, false)', [seq]);
    }
  }

  for (const plan of plans) {
    const { rows } = await pool.query<{ n: string }>(`select count(*) as n from ${pg.escapeIdentifier(plan.name)}`);
    const count = Number(rows[0]!.n);
    if (count !== plan.sqliteRows || copied.get(plan.name) !== plan.sqliteRows) {
      throw new Error(
        `PostgreSQL's ${plan.name} has ${count} rows after the load (${copied.get(plan.name)} copied), SQLite's ${plan.sqliteRows}`,
      );
    }
  }

  phase = performance.now();
  // Not only ANALYZE: after a bulk load every row still needs its hint bits set and the visibility map is empty, so the
  // first reads in a measurement would write (and index-only scans would visit the heap) until autovacuum came by in
  // the middle of a run. Frozen once here, every copy starts as a long-running database would be.
  await pool.query('vacuum (freeze, analyze)');
  log(`  vacuum (freeze, analyze) in ${seconds(phase)} s`);
}

/** The tables both databases have, the columns PostgreSQL has that can be written (not generated), and row counts. */
async function planTables(pool: pg.Pool, sqlitePath: string, log: Log): Promise<TablePlan[]> {
  const sqlite = new SQLite(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const { rows } = await pool.query<{
      table: string;
      column: string;
      type: string;
      identity: string;
      generated: string;
      serial: boolean;
    }>(
      `select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
              a.attidentity as identity, a.attgenerated as generated,
              coalesce(pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false) as serial
         from pg_class c
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
         left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
        where c.relkind in ('r', 'p') and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
        order by c.relname, a.attnum`,
    );
    const pgTables = new Map<string, typeof rows>();
    for (const row of rows) pgTables.set(row.table, [...(pgTables.get(row.table) ?? []), row]);

    const sqliteTables = (
      sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]
    ).map((row) => row.name);
    const sequences = new Map<string, number>();
    if (sqliteTables.includes('sqlite_sequence')) {
      for (const row of sqlite.prepare('select name, seq from sqlite_sequence').all() as { name: string; seq: number }[]) {
        sequences.set(row.name, row.seq);
      }
    }
    // The migrator's own bookkeeping is each database's own (PostgreSQL's was written by migrateToLatest).
    const bookkeeping = (name: string) => name.startsWith('sqlite_') || name.startsWith('kysely_');
    const skipped = sqliteTables.filter((name) => !bookkeeping(name) && !pgTables.has(name));
    if (skipped.length > 0) log(`  SQLite-only tables not copied (full-text index): ${skipped.join(', ')}`);

    const plans: TablePlan[] = [];
    for (const name of sqliteTables.filter((table) => !bookkeeping(table) && pgTables.has(table))) {
      const sqliteColumns = (sqlite.pragma(`table_info(${quoteSqlite(name)})`) as { name: string }[]).map((c) => c.name);
      const pgColumns = pgTables.get(name)!;
      const onlySqlite = sqliteColumns.filter((column) => !pgColumns.some((c) => c.column === column));
      if (onlySqlite.length > 0) log(`  ${name}: SQLite-only columns not copied: ${onlySqlite.join(', ')}`);
      const columns = pgColumns
        .filter((c) => c.generated === '' && sqliteColumns.includes(c.column))
        .map((c) => ({ name: c.column, type: c.type, identity: c.identity, serial: c.serial }));
      const sqliteRows = (sqlite.prepare(`select count(*) as n from ${quoteSqlite(name)}`).get() as { n: number }).n;
      plans.push({
        name,
        columns,
        sequenced: columns.filter((c) => c.identity !== '' || c.serial),
        sqliteRows,
        sqliteSequence: sequences.get(name) ?? 0,
      });
    }

    // The migrations insert no rows today; if one ever does, SQLite's rows (same migrations, then seeded) replace them.
    const filled: string[] = [];
    for (const plan of plans) {
      const { rows: any } = await pool.query(`select 1 from ${pg.escapeIdentifier(plan.name)} limit 1`);
      if (any.length > 0) filled.push(plan.name);
    }
    if (filled.length > 0) {
      log(`  rows the migrations made, replaced by SQLite's: ${filled.join(', ')}`);
      await pool.query(`truncate ${filled.map((name) => pg.escapeIdentifier(name)).join(', ')} restart identity cascade`);
    }
    return plans;
  } finally {
    sqlite.close();
  }
}

/**
 * One table's rows, in SQLite's order (a full scan goes by rowid, so the heap is laid out by id as SQLite's table
 * is, as in a database that grew over time; loading a table on two connections at once would interleave it), in one transaction
 * without waiting for the WAL flush at commit. Each INSERT takes one array per column (`select * from unnest(…)`):
 * thousands of rows in a statement of a few parameters, which PostgreSQL parses once, and no limit of 65,535
 * parameters to mind. The next batch is read from SQLite while PostgreSQL writes the last one.
 */
async function copyTable(pool: pg.Pool, sqlitePath: string, plan: TablePlan): Promise<number> {
  if (plan.columns.length === 0 || plan.sqliteRows === 0) return 0;
  // A connection of its own: a better-sqlite3 connection runs no other statement while one iterates.
  const sqlite = new SQLite(sqlitePath, { readonly: true, fileMustExist: true });
  const client = await pool.connect();
  try {
    const select = sqlite
      .prepare(`select ${plan.columns.map((c) => quoteSqlite(c.name)).join(', ')} from ${quoteSqlite(plan.name)}`)
      .raw(true);
    const overriding = plan.columns.some((c) => c.identity === 'a') ? 'overriding system value ' : '';
    const insert =
      `insert into ${pg.escapeIdentifier(plan.name)} (${plan.columns.map((c) => pg.escapeIdentifier(c.name)).join(', ')}) ` +
      `${overriding}select * from unnest(${plan.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`;
    await client.query('begin');
    await client.query('set local synchronous_commit = off');
    const width = plan.columns.length;
    let batch: unknown[][] = Array.from({ length: width }, () => []);
    let inBatch = 0;
    let copied = 0;
    let pending: Promise<unknown> | null = null;
    const send = async () => {
      if (pending) await pending;
      pending = client.query(insert, batch);
      // Awaited before the next send or at the end; this only keeps a failure from counting as unhandled meanwhile.
      pending.catch(() => {});
      copied += inBatch;
      batch = Array.from({ length: width }, () => []);
      inBatch = 0;
    };
    for (const row of select.iterate() as Iterable<unknown[]>) {
      for (let i = 0; i < width; i++) batch[i]!.push(row[i]);
      if (++inBatch === BATCH_ROWS) await send();
    }
    if (inBatch > 0) await send();
    if (pending) await pending;
    await client.query('commit');
    return copied;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw new Error(`copying ${plan.name} to PostgreSQL failed: ${(error as Error).message}`, { cause: error });
  } finally {
    client.release();
    sqlite.close();
  }
}

interface Structure {
  kind: 'index' | 'unique' | 'foreign key';
  table: string;
  name: string;
  /** The statement that makes it. */
  create: string;
}

/** The copied tables' indexes (other than primary keys'), unique constraints and foreign keys, as the catalog has them. */
async function secondaryStructures(pool: pg.Pool, tables: string[]): Promise<Structure[]> {
  const { rows } = await pool.query<Structure>(
    `select 'index' as kind, t.relname as table, i.relname as name, pg_get_indexdef(x.indexrelid) as create
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
      where t.relnamespace = (select oid from pg_namespace where nspname = current_schema()) and t.relname = any($1)
        and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.contype in ('p', 'u', 'x'))
     union all
     select case k.contype when 'u' then 'unique' else 'foreign key' end, t.relname, k.conname,
            format('alter table %I add constraint %I %s', t.relname, k.conname, pg_get_constraintdef(k.oid))
       from pg_constraint k
       join pg_class t on t.oid = k.conrelid
      where k.connamespace = (select oid from pg_namespace where nspname = current_schema()) and k.contype in ('u', 'f') and t.relname = any($1)
      order by 1, 2, 3`,
    [tables],
  );
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Work copies
// ---------------------------------------------------------------------------------------------------------------

let workCopies = 0;
/** Names work copies by machine and process, so a later run can tell a copy left by a crashed run from a live one. */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);

/**
 * A copy of the pristine data set for one run (a run writes: audit rows, new cases), as a new database made from it
 * as a template, and its connection string. `drop()` ends its connections and drops it.
 */
export async function pgWorkCopy(serverUrl: string, database: string): Promise<PgWorkCopy> {
  const name = `${database}_w${HOST_TAG}_${process.pid}_${++workCopies}`;
  checkName(name);
  await withClient(serverUrl, async (admin) => {
    await dropDatabase(admin, name);
    // FILE_COPY (PostgreSQL 15+): copies the files after a checkpoint instead of writing the whole database through
    // the WAL block by block (15's default): 0.7–1.6 s instead of about 2 s at the default scale, and no 900 MB of WAL.
    const version = Number((await admin.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v);
    const strategy = version >= 150000 ? ' strategy = file_copy' : '';
    await admin.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(database)}${strategy}`);
  });
  let dropping: Promise<void> | null = null;
  return {
    url: databaseUrl(serverUrl, name),
    database: name,
    drop: () => {
      dropping ??= withClient(serverUrl, (admin) => dropDatabase(admin, name));
      return dropping;
    },
  };
}

/** Work copies (and interrupted loads) this machine's earlier runs left when they crashed: their process is gone. */
async function dropStaleWorkCopies(admin: pg.Client, database: string, log: Log): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [
    `${database}_w${HOST_TAG}_`,
  ]);
  for (const { datname } of rows) {
    const pid = Number(/_(\d+)_\d+$/.exec(datname)?.[1]);
    if (Number.isSafeInteger(pid) && !processAlive(pid)) {
      log(`  dropping ${datname}, left by an earlier run`);
      await dropDatabase(admin, datname);
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a database if it exists, ending its connections first (a template is made an ordinary database first). */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  const { rows } = await admin.query<{ template: boolean }>(
    'select datistemplate as template from pg_database where datname = $1',
    [name],
  );
  if (rows.length === 0) return;
  if (rows[0]!.template) await admin.query(`alter database ${pg.escapeIdentifier(name)} with is_template false`);
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [
    name,
  ]);
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)}`);
}

/** The server's URL with another database in it. */
function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** PostgreSQL cuts longer names to 63 bytes without a word, and the cut name would then be dropped by mistake. */
function checkName(name: string): void {
  if (Buffer.byteLength(name) > 63) throw new Error(`database name ${name} is longer than PostgreSQL's 63 bytes`);
}

function parseMarker(comment: string | null): Marker | null {
  try {
    const parsed = JSON.parse(comment ?? '') as Marker;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.loadSeconds === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function sameMarker(marker: Marker, expected: Omit<Marker, 'loadSeconds'>): boolean {
  const { loadSeconds: _, ...rest } = marker;
  return canonical(rest) === canonical(expected);
}

/** Why a loaded database does not fit (when the migrations change under development, it is loaded again each time). */
function staleBecause(marker: Marker, expected: Omit<Marker, 'loadSeconds'>): string {
  if (canonical(marker.dataSet) !== canonical(expected.dataSet)) return 'loaded from another SQLite data set';
  if (canonical(marker.migrations) !== canonical(expected.migrations)) return 'migrations added since it was loaded';
  if (marker.migrationsHash !== expected.migrationsHash) return 'a migration changed since it was loaded';
  return 'loaded by another version of the loader';
}

/** JSON with object keys sorted, so key order does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function quoteSqlite(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

async function eachConcurrently<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
}

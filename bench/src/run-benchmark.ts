import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CASEWORKER_ROLES, type Role } from '@anliegen/shared';
import { openDatabase, type DB } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { demoLogins } from '../../server/src/seed/organisation.js';
import { Random } from '../../server/src/seed/random.js';
import { testEnv } from '../../server/src/test/test-env.js';
import { type BenchOptions, ROOT_DIR } from './bench-options.js';
import { measureBundles } from './bundle-size.js';
import { caseReferences } from './bench-inputs.js';
import { describeScale, ensureDataSet, workCopy, type DataSet } from './data-set.js';
import { measureEmailIngest } from './email-ingest.js';
import { measureViews } from './inbox-views.js';
import { ensurePgDataSet, pgWorkCopy, startBenchPostgres } from './pg-data-set.js';
import { runHttpLoad } from './http-load.js';
import { type SearchIndexSize, searchIndexSizes } from './search-index-sizes.js';
import { type Measurement, timeRuns, timeSideBySide } from './measure.js';
import { type Actors, readOperations, writeOperations } from './operations.js';
import { RawSql } from './raw-sql.js';
import { type BenchReport, type ViewsEntry, writeReport } from './report.js';
import { measureRequestTracker } from './rt-peer.js';
import { loggedInCaller } from './sessions.js';
import { startServer } from './server-process.js';

/** Inputs of a read checked against raw SQL before timing (each must find the same rows on both sides). */
const VERIFIED_INPUTS = 10;
const WARMUP = 5;
const INGEST_CONNECTIONS = 8;

/** Whether --only (if given) names the operation. */
const isSelected = (options: BenchOptions, operation: string) => options.only?.includes(operation) ?? true;

/** Logs in every active caseworker who belongs to a team (agents first) and a supervisor. */
async function logInActors(db: DB): Promise<Actors> {
  const env = testEnv();
  const members = new Set((await db.selectFrom('team_memberships').select('user_id').execute()).map((row) => row.user_id));
  const users = await db.selectFrom('users').select(['id', 'email', 'role']).where('active', '=', 1).orderBy('id').execute();
  const isCaseworker = (role: Role) => (CASEWORKER_ROLES as readonly Role[]).includes(role);
  const caseworkers = users
    .filter((user) => isCaseworker(user.role) && members.has(user.id))
    .sort((a, b) => Number(a.role !== 'agent') - Number(b.role !== 'agent') || a.id - b.id);
  const supervisor = users.find((user) => user.role === 'supervisor');
  if (caseworkers.length === 0 || !supervisor) throw new Error('the data set has no caseworker with a team or no supervisor');
  return {
    caseworkers: await Promise.all(caseworkers.map((user) => loggedInCaller(db, env, user.email))),
    supervisor: (await loggedInCaller(db, env, supervisor.email)).caller,
  };
}

async function countInteractions(db: DB): Promise<number> {
  const row = await db
    .selectFrom('interactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Reads and writes through the tRPC router in this process, reads also as raw SQL. */
async function measureInProcess(
  path: string,
  dataSet: DataSet,
  options: BenchOptions,
  log: (message: string) => void,
): Promise<{ measurements: Measurement[]; notes: Record<string, string> }> {
  const { db } = openDatabase({ sqlitePath: path });
  const raw = new RawSql(path);
  const scale = describeScale(dataSet.info);
  const measurements: Measurement[] = [];
  const notes: Record<string, string> = {};
  try {
    await migrateToLatest(db);
    const actors = await logInActors(db);
    const wanted = (operation: { operation: string }) => isSelected(options, operation.operation);
    for (const read of (await readOperations(db, raw, actors, dataSet.info, options.runs)).filter(wanted)) {
      log(`  ${read.operation}`);
      if (read.note) notes[read.operation] = read.note;
      if (read.raw) {
        // Every input once on both sides before timing: the work copy starts outside the OS cache, and the side
        // timed first would pay the disk reads of both. The first inputs must find the same rows on both sides.
        for (let run = 0; run < Math.min(read.inputs, WARMUP + options.runs); run++) {
          const [api, sql] = [await read.api(run), read.raw(run)];
          if (run < VERIFIED_INPUTS && !isDeepStrictEqual(api, sql)) {
            throw new Error(
              `${read.operation}: raw SQL found other rows than the API for input ${run}:\n` +
                `API ${JSON.stringify(api)}\nraw ${JSON.stringify(sql)}`,
            );
          }
        }
      }
      if (read.raw) {
        const [anliegen, lowerBound] = await timeSideBySide(options.runs, [read.api, read.raw], WARMUP);
        measurements.push({ operation: read.operation, system: 'anliegen', scale, ...anliegen });
        measurements.push({ operation: read.operation, system: 'raw-sql', scale, ...lowerBound });
      } else {
        const anliegen = await timeRuns(options.runs, read.api, WARMUP);
        measurements.push({ operation: read.operation, system: 'anliegen', scale, ...anliegen });
      }
    }
    for (const write of (await writeOperations(db, actors, dataSet.info, options.writeRuns)).filter(wanted)) {
      log(`  ${write.operation}`);
      notes[write.operation] = write.note;
      const before = await countInteractions(db);
      const result = await timeRuns(options.writeRuns, write.run, Math.min(WARMUP, options.writeRuns));
      const added = (await countInteractions(db)) - before;
      const expected = (options.writeRuns + Math.min(WARMUP, options.writeRuns)) * write.interactionsPerRun;
      if (added !== expected) throw new Error(`${write.operation}: ${added} interactions added, ${expected} expected`);
      measurements.push({ operation: write.operation, system: 'anliegen', scale, ...result });
    }
  } finally {
    raw.close();
    await db.destroy();
  }
  return { measurements, notes };
}

/**
 * What agents click all day (inbox-views.ts), in process and over HTTP, on the SQLite work copy and on the same data
 * set in PostgreSQL (loaded once into the bench's own cluster, then a copy per run).
 */
async function measureAllViews(
  path: string,
  workDir: string,
  dataSet: DataSet,
  options: BenchOptions,
  log: (message: string) => void,
  indexSizes: SearchIndexSize[],
): Promise<ViewsEntry[]> {
  if (!isSelected(options, 'views')) return [];
  const attachmentsDir = join(workDir, 'attachments');
  log('Inbox views: SQLite');
  const results: ViewsEntry[] = [await measureViews({ database: { sqlitePath: path }, attachmentsDir, runs: options.runs, log })];
  if (!options.pg) return [...results, { database: 'PostgreSQL', skipped: '--no-pg' }];
  const postgres = await startBenchPostgres(options.dataDir, log);
  if ('skipped' in postgres) {
    log(`PostgreSQL skipped: ${postgres.skipped}`);
    return [...results, { database: 'PostgreSQL', skipped: postgres.skipped }];
  }
  try {
    const pgDataSet = await ensurePgDataSet(postgres.url, dataSet, log, { fresh: options.fresh });
    const copy = await pgWorkCopy(postgres.url, pgDataSet.database);
    try {
      log('Inbox views: PostgreSQL');
      results.push(await measureViews({ database: { databaseUrl: copy.url }, attachmentsDir, runs: options.runs, log }));
      const { db } = openDatabase({ sqlitePath: '', databaseUrl: copy.url });
      indexSizes.push(...(await searchIndexSizes(db).finally(() => db.destroy())));
    } finally {
      await copy.drop();
    }
  } finally {
    await postgres.stop();
  }
  return results;
}

/** Email ingest and HTTP load against the real server in its own process, on the same copy of the data set. */
async function measureServer(path: string, workDir: string, dataSet: DataSet, options: BenchOptions, log: (m: string) => void) {
  const skipped = (why: string) => ({ skipped: why });
  if (!options.ingest && !options.load) return { ingest: skipped('--no-ingest'), load: skipped('--no-load') };
  const server = await startServer({ sqlitePath: path, attachmentsDir: join(workDir, 'attachments') });
  try {
    log(`Server started at ${server.url} (SMTP ${server.smtpPort})`);
    let ingest: Awaited<ReturnType<typeof measureEmailIngest>> | { skipped: string } = skipped('--no-ingest');
    if (options.ingest) {
      log(`Email ingest: ${options.ingestMessages} mails`);
      ingest = await measureEmailIngest({
        smtpPort: server.smtpPort,
        sqlitePath: path,
        messages: options.ingestMessages,
        connections: INGEST_CONNECTIONS,
        seed: dataSet.info.seed,
      });
      log(`Email ingest: ${ingest.messagesPerSecond.toFixed(0)} msg/s (${ingest.seconds.toFixed(2)} s)`);
    }
    let load: Awaited<ReturnType<typeof runHttpLoad>> | { skipped: string } = skipped('--no-load');
    if (options.load) {
      log(`HTTP load: ${options.loadSeconds} s, ${options.loadConnections} connections`);
      const { db } = openDatabase({ sqlitePath: path });
      const references = await caseReferences(db, new Random(dataSet.info.seed + 2), 200).finally(() => db.destroy());
      const agent = demoLogins().accounts.find((account) => account.role === 'agent')!;
      load = await runHttpLoad({
        url: server.url,
        login: { email: agent.email, password: demoLogins().password },
        caseReferences: references,
        durationSeconds: options.loadSeconds,
        connections: options.loadConnections,
      });
    }
    return { ingest, load };
  } finally {
    await server.stop();
  }
}

/**
 * The whole benchmark: data set, in-process reads and writes (with raw SQL beside the reads), email ingest and HTTP
 * load on the real server, Request Tracker and bundle sizes; then the report. Throws when a check fails (raw SQL
 * and API disagree, a write or the ingest did not store what it should).
 */
export async function runBenchmark(
  options: BenchOptions,
  log: (message: string) => void = console.log,
): Promise<{ report: BenchReport; files: string[] }> {
  const started = performance.now();
  const say = (message: string) => log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
  const dataSet = await ensureDataSet(options, say);
  const workDir = mkdtempSync(join(tmpdir(), 'anliegen-bench-'));
  try {
    mkdirSync(join(workDir, 'attachments'));
    const path = await workCopy(dataSet, workDir);
    say(`Measuring on ${describeScale(dataSet.info)}: ${options.runs} runs per read, ${options.writeRuns} per write`);
    const { measurements, notes } = await measureInProcess(path, dataSet, options, say);
    const sqlite = openDatabase({ sqlitePath: path }).db;
    const indexSizes = await searchIndexSizes(sqlite).finally(() => sqlite.destroy());
    const views = await measureAllViews(path, workDir, dataSet, options, say, indexSizes);
    const { ingest, load } = await measureServer(path, workDir, dataSet, options, say);

    let rt: BenchReport['rt'] = { skipped: '--no-rt' };
    if (options.rt) {
      say(`Request Tracker: ${options.rtTickets} tickets`);
      const peer = await measureRequestTracker({
        tickets: options.rtTickets,
        defaultTickets: options.rtDefaultTickets,
        runs: options.runs,
        log: say,
      });
      if ('skipped' in peer) {
        say(`Request Tracker skipped: ${peer.skipped}`);
        rt = peer;
      } else {
        measurements.push(...peer.measurements.filter((m) => isSelected(options, m.operation)));
        rt = { scale: peer.scale, createsPerSecond: peer.createsPerSecond, createRates: peer.createRates };
      }
    }
    const clientDist = join(ROOT_DIR, 'client/dist');
    const bundles = existsSync(clientDist)
      ? await measureBundles(clientDist)
      : { skipped: 'client/dist is missing: run pnpm build first' };

    const report: BenchReport = {
      date: new Date().toISOString().slice(0, 10),
      scale: options.scale,
      dataSet: {
        citizens: dataSet.info.citizens,
        cases: dataSet.info.cases,
        interactions: dataSet.info.interactions,
        seed: dataSet.info.seed,
        seedingSeconds: dataSet.info.seedingSeconds,
        reused: dataSet.reused,
      },
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        memoryGb: Math.round(totalmem() / 1024 ** 3),
        node: process.version,
        os: `${type()} ${release()}`,
        dialect: 'SQLite (better-sqlite3)',
      },
      runs: { reads: options.runs, writes: options.writeRuns },
      only: options.only,
      notes,
      measurements,
      views,
      searchIndexes: indexSizes,
      ingest,
      rt,
      load,
      bundles,
    };
    return { report, files: writeReport(report, options.outDir) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

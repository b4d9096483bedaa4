import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { GENERATOR_VERSION, generateDataset } from '../../server/src/seed/generator.js';
import { ensureDemoOrganisation } from '../../server/src/seed/organisation.js';
import type { BenchOptions } from './bench-options.js';

/** The long history the citizen-history operation pages through. */
export const FREQUENT_CITIZEN_INTERACTIONS = 1000;

/** What was generated, kept beside the SQLite file so a reused data set is described exactly. */
export interface DataSetInfo {
  citizens: number;
  cases: number;
  interactions: number;
  seed: number;
  /** The generator's `now`: the data set reaches back one year from here. */
  now: number;
  frequentCitizenId: number;
  seedingSeconds: number;
  /** The generator's GENERATOR_VERSION: a data set of another one is generated again. */
  generatorVersion: number;
}

export interface DataSet {
  /** The pristine data set; benchmarks write (audit rows, new cases), so they run on a copy of it. */
  path: string;
  info: DataSetInfo;
  reused: boolean;
}

const sqliteFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`];

/** The sidecar as written by `ensureDataSet`; anything else (older format or generator, hand-edited) means "generate again". */
function readInfo(path: string): DataSetInfo | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    const keys: (keyof DataSetInfo)[] = [
      'citizens',
      'cases',
      'interactions',
      'seed',
      'now',
      'frequentCitizenId',
      'seedingSeconds',
      'generatorVersion',
    ];
    return keys.every((key) => typeof record[key] === 'number' && Number.isFinite(record[key])) &&
      record.generatorVersion === GENERATOR_VERSION
      ? (record as unknown as DataSetInfo)
      : null;
  } catch {
    return null;
  }
}

/**
 * The data set for the options: `<data dir>/<scale>-<seed>.sqlite`, generated with the seed generator (plus one
 * citizen with FREQUENT_CITIZEN_INTERACTIONS interactions) unless it exists and `fresh` is not set. Generated into a
 * temporary file and renamed at the end, so an interrupted run never leaves a half data set to be reused.
 */
export async function ensureDataSet(options: BenchOptions, log: (message: string) => void): Promise<DataSet> {
  mkdirSync(options.dataDir, { recursive: true });
  const base = join(options.dataDir, `${options.scale}-${options.seed}`);
  const path = `${base}.sqlite`;
  const infoPath = `${base}.json`;
  const existing = options.fresh ? null : readInfo(infoPath);
  if (existing && existsSync(path)) {
    log(`Data set ${path} reused (generated in ${existing.seedingSeconds.toFixed(1)} s; --fresh regenerates it)`);
    return { path, info: existing, reused: true };
  }

  const partial = `${base}.partial.sqlite`;
  for (const file of sqliteFiles(partial)) rmSync(file, { force: true });
  const { db } = openDatabase({ sqlitePath: partial });
  const started = performance.now();
  const now = Date.now();
  let counts: Awaited<ReturnType<typeof generateDataset>>;
  try {
    await migrateToLatest(db);
    await ensureDemoOrganisation(db);
    counts = await generateDataset(db, {
      citizens: options.citizens,
      cases: options.cases,
      seed: options.seed,
      now,
      frequentContact: { interactions: FREQUENT_CITIZEN_INTERACTIONS },
      onProgress: (message) => process.stderr.write(`\r  ${message}        `),
    });
  } finally {
    // Closing the last connection checkpoints the WAL into the file, so the file alone is the data set.
    await db.destroy();
  }
  process.stderr.write('\n');
  const seedingSeconds = (performance.now() - started) / 1000;
  for (const file of [...sqliteFiles(path), infoPath]) rmSync(file, { force: true });
  renameSync(partial, path);
  const info: DataSetInfo = {
    citizens: counts.citizens,
    cases: counts.cases,
    interactions: counts.interactions,
    seed: options.seed,
    now,
    frequentCitizenId: counts.frequentCitizenId!,
    seedingSeconds,
    generatorVersion: GENERATOR_VERSION,
  };
  writeFileSync(infoPath, `${JSON.stringify(info, null, 2)}\n`);
  log(
    `Data set ${path} generated in ${seedingSeconds.toFixed(1)} s: ${counts.citizens} citizens, ${counts.cases} cases, ` +
      `${counts.interactions} interactions`,
  );
  return { path, info, reused: false };
}

/**
 * A copy of the data set for one run (its writes must not change the data set the next run reuses), migrated to
 * today's schema and checkpointed: a migration that builds indexes leaves their pages in the WAL, and the first
 * measured writes would otherwise pay for copying them into the file.
 */
export async function workCopy(dataSet: DataSet, dir: string): Promise<string> {
  const path = join(dir, 'anliegen.sqlite');
  copyFileSync(dataSet.path, path);
  const { db } = openDatabase({ sqlitePath: path });
  try {
    await migrateToLatest(db);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  } finally {
    await db.destroy();
  }
  return path;
}

export function describeScale(info: DataSetInfo): string {
  return `${info.citizens} citizens / ${info.cases} cases / ${info.interactions} interactions`;
}

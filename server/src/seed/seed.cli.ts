import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadEnv } from '../env.js';
import { generateDataset } from './generator.js';
import { ensureDemoOrganisation } from './organisation.js';

/** pnpm seed --citizens N --cases M [--seed S]: adds a reproducible data set to the configured database. */
function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: pnpm seed --citizens N --cases M [--seed S]\n`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  values = parseArgs({
    options: {
      citizens: { type: 'string', default: '300' },
      cases: { type: 'string', default: '450' },
      seed: { type: 'string', default: '2026' },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
const count = (name: string, raw: string | undefined) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return value;
};
const citizens = count('citizens', values.citizens);
const cases = count('cases', values.cases);
if (cases > 0 && citizens === 0) fail('--cases needs at least one citizen (--citizens ≥ 1)');

const env = loadEnv();
const { db, description } = openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
try {
  await migrateToLatest(db);
  await ensureDemoOrganisation(db);
  const started = performance.now();
  const counts = await generateDataset(db, {
    citizens,
    cases,
    seed: count('seed', values.seed),
    now: Date.now(),
    onProgress: (message) => process.stderr.write(`\r${message}        `),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write('\n');
  console.log(
    `Seeded ${description}: ${counts.citizens} citizens, ${counts.cases} cases, ${counts.interactions} interactions in ${seconds} s`,
  );
} finally {
  await db.destroy();
}

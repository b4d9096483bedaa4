import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadEnv } from '../env.js';
import { generateDataset } from './generator.js';
import { ensureDemoOrganisation } from './organisation.js';

/** pnpm seed --citizens N --cases M [--seed S]: adds a reproducible data set to the configured database. */
const { values } = parseArgs({
  options: {
    citizens: { type: 'string', default: '300' },
    cases: { type: 'string', default: '450' },
    seed: { type: 'string', default: '2026' },
  },
});
const count = (name: string, raw: string | undefined) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return value;
};

const env = loadEnv();
const { db, description } = openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
try {
  await migrateToLatest(db);
  await ensureDemoOrganisation(db);
  const started = performance.now();
  const counts = await generateDataset(db, {
    citizens: count('citizens', values.citizens),
    cases: count('cases', values.cases),
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

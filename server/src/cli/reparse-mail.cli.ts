import { parseArgs } from 'node:util';
import { reparseMail } from '../channels/email/reparse-mail.service.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadEnv } from '../env.js';

/**
 * `pnpm mail:reparse --since 2026-11-01 [--until 2026-12-01]`: reads the stored originals of the mails that arrived in
 * that time again and updates what a fixed parser now makes of them (text, HTML, sender, attachments).
 */
const USAGE = 'Usage: pnpm mail:reparse --since YYYY-MM-DD [--until YYYY-MM-DD]';
function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { since?: string | undefined; until?: string | undefined };
try {
  values = parseArgs({ options: { since: { type: 'string' }, until: { type: 'string' } } }).values;
} catch (error) {
  fail((error as Error).message);
}
/** A day in Berlin time is close enough here: the range only selects which mails are read again. */
const day = (name: string, raw: string | undefined) => {
  const time = raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time)) fail(`--${name} must be a date like 2026-11-01, got "${raw ?? ''}"`);
  return time;
};
const since = day('since', values.since);
const until = values.until === undefined ? undefined : day('until', values.until);

const env = loadEnv();
const { db, description } = openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
try {
  await migrateToLatest(db);
  const result = await reparseMail(db, { attachmentsDir: env.ATTACHMENTS_DIR }, { since, ...(until ? { until } : {}) });
  console.log(
    `Mail in ${description} read again: ${result.checked} checked, ${result.changed} updated, ${result.missing} without stored original.`,
  );
} catch (error) {
  process.stderr.write(`Could not read the mail again: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}

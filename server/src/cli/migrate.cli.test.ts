import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.js';

const run = promisify(execFile);
const SERVER = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'anliegen-cli-'));
const sqlitePath = join(dir, 'migrate.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const migrate = (...args: string[]) =>
  run(join(SERVER, 'node_modules/.bin/tsx'), ['src/cli/migrate.cli.ts', ...args], {
    cwd: SERVER,
    env: { PATH: process.env.PATH, SQLITE_PATH: sqlitePath, LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
  });

// Each run starts the command as a process (seconds on a busy two-core machine); migrateToLatest itself is tested on
// both dialects (db/migrate-rolling.test.ts), so the command runs once, on SQLite.
describe.skipIf(process.env.TEST_DIALECT === 'postgres')('pnpm migrate', { timeout: 30_000 }, () => {
  it('lists the pending migrations without running them, then runs them with a log line each', async () => {
    const names = Object.keys(migrations);
    const pending = await migrate('--pending');
    expect(pending.stdout).toContain(`has ${names.length} migrations to run:\n  ${names[0]}`);
    const db = new SQLite(sqlitePath);
    const executed = () => {
      const table = db.prepare(`select name from sqlite_master where name = 'kysely_migration'`).get();
      return table ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]) : [];
    };
    expect(executed()).toEqual([]);

    const { stdout } = await migrate();
    const logged = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { migration?: string; ms?: number });
    expect(logged.map((line) => line.migration)).toEqual(names);
    expect(stdout).toMatch(new RegExp(`${names.length} migrations applied in \\d+\\.\\d s\\.`));
    expect(executed().map((row) => row.name)).toEqual(names);
    db.close();
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SERVER = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'anliegen-cli-'));
const sqlitePath = join(dir, 'search.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rebuild = () =>
  run(join(SERVER, 'node_modules/.bin/tsx'), ['src/cli/rebuild-search.cli.ts'], {
    cwd: SERVER,
    env: { PATH: process.env.PATH, SQLITE_PATH: sqlitePath, LOG_LEVEL: 'silent' },
  });

// Each test starts the command as a process (tsx compiles it first): seconds on a busy two-core machine.
// The command works the same on both dialects (rebuildFullTextIndexes is tested on both); it runs once, on SQLite.
describe.skipIf(process.env.TEST_DIALECT === 'postgres')('pnpm search:rebuild', { timeout: 30_000 }, () => {
  it('indexes text that was written while the index was missing', async () => {
    await rebuild();
    const db = new SQLite(sqlitePath);
    db.exec(`insert into citizens (display_name, unverified, created_at, updated_at) values ('Berta Berg', 0, 1, 1);
      insert into cases (reference, citizen_id, subject, status, priority, origin_channel, created_at, updated_at)
        values ('A-2026-000001', 1, 'Laterne', 'new', 'normal', 'email', 1, 1);
      insert into interactions (case_id, citizen_id, channel, direction, text, occurred_at, created_at)
        values (1, 1, 'email', 'inbound', 'Die Straßenlaterne flackert.', 1, 1);
      insert into interactions_fts(interactions_fts) values ('delete-all');`);
    const matches = () =>
      (db.prepare(`select count(*) as n from interactions_fts where interactions_fts match 'flackert'`).get() as { n: number }).n;
    expect(matches()).toBe(0);

    const { stdout } = await rebuild();
    expect(stdout).toMatch(/rebuilt: 1 messages, 1 cases/);
    expect(matches()).toBe(1);
    db.close();
  });
});

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
const sqlitePath = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function createAdmin(args: string[], password: string) {
  return run(join(SERVER, 'node_modules/.bin/tsx'), ['src/cli/create-admin.cli.ts', ...args], {
    cwd: SERVER,
    env: { PATH: process.env.PATH, SQLITE_PATH: sqlitePath, ANLIEGEN_ADMIN_PASSWORD: password, LOG_LEVEL: 'silent' },
  }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

// Each test starts the command as a process (tsx compiles it first): seconds on a busy two-core machine.
// The command works the same on both dialects; it runs once, on a SQLite file.
describe.skipIf(process.env.TEST_DIALECT === 'postgres')('pnpm admin:create', { timeout: 30_000 }, () => {
  it('creates the first admin with a hashed password, and refuses a second account with that email', async () => {
    const created = await createAdmin(['--email', ' IT@Stadt.example ', '--name', 'Ines Tamm'], 'Stadtverwaltung-Admin-1');
    expect(created.code).toBe(0);
    const db = new SQLite(sqlitePath, { readonly: true });
    const users = db.prepare('select email, role, password_hash from users').all() as {
      email: string;
      role: string;
      password_hash: string;
    }[];
    db.close();
    expect(users).toEqual([{ email: 'it@stadt.example', role: 'admin', password_hash: expect.stringMatching(/^scrypt\$/) }]);

    const again = await createAdmin(['--email', 'it@stadt.example', '--name', 'Ines Tamm'], 'Stadtverwaltung-Admin-1');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('A user with this email exists');
  });

  it('explains a weak password in words and creates nothing', async () => {
    const result = await createAdmin(['--email', 'weak@stadt.example', '--name', 'Willi Weak'], 'kurz');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('password: must be at least 12 characters long');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    const db = new SQLite(sqlitePath, { readonly: true });
    const weak = db.prepare("select count(*) as n from users where email = 'weak@stadt.example'").get() as { n: number };
    db.close();
    expect(weak.n).toBe(0);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freePort } from './support/server.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** What `pnpm start` does after its build check: the built server, as a person starts it (default log format). */
async function firstStart(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'anliegen-start-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), SQLITE_PATH: join(dataDir, 'anliegen.sqlite'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    for (let attempt = 0; attempt < 300 && !stdout.includes('Demo-Anmeldung'); attempt++) await sleep(100);
    // Jobs run every minute or more: anything the start itself logs has been written after two more seconds.
    await sleep(2000);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).ok).toBe(true);
    return stdout;
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('starting the app', () => {
  it('skips the build when no source changed since the last one', () => {
    // The suite runs after `pnpm build`, which records what it built.
    const check = spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-changed.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stderr).toContain('Quellen unverändert');
  });

  it('ends its first start with the banner: address, logins with German role names, mail state; readable logs', async () => {
    const output = await firstStart({});
    const lines = output.trimEnd().split('\n');
    const banner = lines.findIndex((line) => line.includes('Anliegen läuft auf http://127.0.0.1:'));
    expect(banner).toBeGreaterThan(0);
    expect(lines.slice(banner).map((line) => line.trim())).toEqual([
      expect.stringMatching(/^Anliegen läuft auf http:\/\/127\.0\.0\.1:\d+ {2}\(SQLite .+\)$/),
      'E-Mail-Ausgang: nicht eingerichtet (SMTP_URL), Antworten warten bis dahin',
      'Demo-Anmeldung (Passwort für alle: Musterstadt-2026!):',
      expect.stringMatching(/^Sachbearbeitung +sachbearbeitung@musterstadt\.example$/),
      expect.stringMatching(/^Teamleitung +leitung@musterstadt\.example$/),
      expect.stringMatching(/^Controlling +statistik@musterstadt\.example$/),
      expect.stringMatching(/^Administration +admin@musterstadt\.example$/),
    ]);
    // Before it, readable lines (time, level, message), not JSON, and the demo data and escalations are reported.
    const before = lines.slice(0, banner).filter((line) => line.trim() !== '');
    expect(before.some((line) => line.startsWith('{'))).toBe(false);
    expect(before.join('\n')).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: demo data seeded/m);
  });

  it('logs JSON lines when LOG_FORMAT=json, banner still last', async () => {
    const output = await firstStart({ LOG_FORMAT: 'json' });
    const lines = output.trimEnd().split('\n');
    const banner = lines.findIndex((line) => line.includes('Anliegen läuft auf'));
    const logged = lines.slice(0, banner).filter((line) => line.startsWith('{'));
    expect(logged.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('demo data seeded');
    expect(lines.slice(banner).some((line) => line.startsWith('{'))).toBe(false);
  });
});

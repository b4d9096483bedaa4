import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface RunningServer {
  url: string;
  /** The SMTP listener for incoming mail, when asked for (`smtp: true`). */
  smtpPort: number | null;
  /** SIGTERM, as a process manager would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * The built app (pnpm build) on a real port with a fresh SQLite file and the demo data; with `seed`, the file first
 * gets a generated data set of that size (the built seed CLI, as `pnpm seed` runs it). With `databaseUrl`, a
 * PostgreSQL database (the caller's) instead of the file; with `smtp`, the SMTP listener on a free port too.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { seed?: { citizens: number; cases: number }; databaseUrl?: string; smtp?: boolean } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anliegen-e2e-'));
  const sqlitePath = join(dataDir, 'anliegen.sqlite');
  const database: Record<string, string> = options.databaseUrl
    ? { DATABASE_URL: options.databaseUrl }
    : { SQLITE_PATH: sqlitePath };
  const smtpPort = options.smtp ? await freePort() : null;
  if (options.seed) {
    const { citizens, cases } = options.seed;
    execFileSync(
      process.execPath,
      [join(ROOT, 'server/dist/seed/seed.cli.js'), '--citizens', String(citizens), '--cases', String(cases)],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...database, LOG_LEVEL: 'warn' }, stdio: 'pipe' },
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...database,
      ...(smtpPort === null ? {} : { SMTP_LISTEN_PORT: String(smtpPort) }),
      CLIENT_DIST: join(ROOT, 'client/dist'),
      LOG_LEVEL: 'warn',
      // Keeps the failed-login test quick; the delay itself is covered by the server tests' configuration.
      LOGIN_FAILURE_DELAY_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        return {
          url,
          smtpPort,
          stop: async () => {
            child.kill('SIGTERM');
            const code = await exited;
            rmSync(dataDir, { recursive: true, force: true });
            return code;
          },
        };
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${output}`);
}

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_DIR, ROOT_DIR } from './bench-options.js';

export interface ServerProcess {
  url: string;
  smtpPort: number;
  stop(): Promise<void>;
}

const STARTUP_MS = 60_000;

/**
 * The real server, from source (tsx), as its own process on the given SQLite file, or on the PostgreSQL database at
 * `databaseUrl` when that is given (DATABASE_URL; then `sqlitePath` is not used): HTTP and the SMTP listener on
 * free ports (port 0; the start banner says which), no demo seeding, warnings only, and an SMTP rate limit high
 * enough for the ingest run. Resolves once /readyz answers.
 */
export async function startServer(options: {
  sqlitePath?: string;
  databaseUrl?: string;
  attachmentsDir: string;
}): Promise<ServerProcess> {
  if (!options.databaseUrl && !options.sqlitePath) throw new Error('startServer needs a sqlitePath or a databaseUrl');
  const database = options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { SQLITE_PATH: options.sqlitePath! };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT_DIR, 'server/src/main.ts')], {
    // tsx is the bench package's dependency: resolved from here.
    cwd: BENCH_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      ...database,
      ATTACHMENTS_DIR: options.attachmentsDir,
      CLIENT_DIST: join(ROOT_DIR, 'client/dist'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      SMTP_LISTEN_HOST: '127.0.0.1',
      SMTP_LISTEN_PORT: '0',
      SMTP_RATE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const killed = sleep(20_000).then(() => child.kill('SIGKILL'));
    await Promise.race([exited, killed]);
  };

  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited while starting:\n${output}`);
    // The banner: "läuft auf http://127.0.0.1:PORT" and "E-Mail-Eingang (SMTP): 127.0.0.1:PORT".
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const smtpPort = /\(SMTP\):\s*[\d.]+:(\d+)/.exec(output)?.[1];
    if (url && smtpPort) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) return { url, smtpPort: Number(smtpPort), stop };
      } catch {
        // not answering yet
      }
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`the server did not become ready within ${STARTUP_MS / 1000} s:\n${output}`);
}

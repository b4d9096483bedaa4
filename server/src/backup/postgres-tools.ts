import { spawn } from 'node:child_process';
import { childProcessEnv } from '../env.js';

/**
 * PostgreSQL's own client programs, pg_dump and pg_restore, as child processes (Debian: the postgresql-client package;
 * its version must be at least the server's). The connection string goes on the command line without its password,
 * which other users of the machine could read in the process list; the password goes in PGPASSWORD.
 */
export function connectionFor(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = url.password ? decodeURIComponent(url.password) : '';
  url.password = '';
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export async function runPostgresTool(tool: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string): Promise<void> {
  const { dbname, env } = connectionFor(databaseUrl);
  const child = spawn(tool, [...args, `--dbname=${dbname}`], {
    env: childProcessEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    // The last lines say what went wrong; a failing restore can say a lot.
    errors = `${errors}${chunk.toString()}`.slice(-4000);
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new Error(
              `${tool} was not found. Install PostgreSQL's client programs (Debian: apt-get install postgresql-client), of the server's major version or newer.`,
            )
          : error,
      ),
    );
    child.once('close', done);
  });
  if (code !== 0) throw new Error(`${tool} failed (exit code ${code}):\n${errors.trim()}`);
}

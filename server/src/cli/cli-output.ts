import { parseArgs } from 'node:util';
import { type Env, loadEnv, pathFromProjectRoot } from '../env.js';

/** Shared wording of the operations commands (`pnpm backup`, `pnpm restore`): where the data lives, sizes, durations. */
export function databaseOf(env: Pick<Env, 'DATABASE_URL' | 'SQLITE_PATH'>): string {
  if (!env.DATABASE_URL) return `SQLite ${env.SQLITE_PATH}`;
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

export function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = count / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Exit codes of the operations commands, as docs/operations.md lists them. */
export const EXIT = { ok: 0, failed: 1, refused: 2, incomplete: 3 } as const;

/** Says why the command does nothing (`Backup refused: …`) and exits with EXIT.refused. */
export function refuser(command: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`${command} refused: ${message}\n`);
    process.exit(EXIT.refused);
  };
}

/**
 * The one directory option of an operations command (`--to DIR`, `--from DIR`; relative to the installation
 * directory) and the configuration; a wrong argument or a bad configuration is refused with `usage`.
 */
export function directoryAndEnv(option: string, usage: string, refuse: (message: string) => never): { dir: string; env: Env } {
  let value: string | undefined;
  try {
    value = parseArgs({ options: { [option]: { type: 'string' } } }).values[option] as string | undefined;
  } catch (error) {
    refuse(`${(error as Error).message}\n${usage}`);
  }
  if (!value) refuse(`--${option} is missing.\n${usage}`);
  try {
    return { dir: pathFromProjectRoot(value), env: loadEnv() };
  } catch (error) {
    refuse((error as Error).message);
  }
}

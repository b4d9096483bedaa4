import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a running migration's progress lines go: the server's log at start, stderr for `pnpm migrate` without one. */
export type ProgressSink = (line: string, fields: { migration: string; done: number; total: number }) => void;

interface MigrationContext {
  name: string;
  report: ProgressSink;
}

const running = new AsyncLocalStorage<MigrationContext>();
const toStderr: ProgressSink = (line) => process.stderr.write(`${line}\n`);

/** migrate.ts runs each migration's `up` in this, so that migrationProgress knows its name and where to report. */
export function withMigrationContext<T>(context: MigrationContext, run: () => Promise<T>): Promise<T> {
  return running.run(context, run);
}

/** 1234567 → "1,234,567" (log lines are English). */
function grouped(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "migration 20261210030000_x: 40 % (400,000 of 1,000,000 rows)" */
export function progressLine(migration: string, done: number, total: number, unit = 'rows'): string {
  const percent = total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
  return `migration ${migration}: ${percent} % (${grouped(done)} of ${grouped(total)} ${unit})`;
}

export interface MigrationProgress {
  /** `rows` more are done; reports when the last report is at least the interval ago. */
  advance(rows: number): void;
  /** All done: a last line at 100 % unless it was just said, or nothing was (a quick migration stays quiet). */
  done(): void;
}

/**
 * For a migration that rewrites or backfills a large table in batches: reports how far it got, at most every
 * `intervalMs` (default 5 s), through the server's log during start (or to stderr), so whoever upgrades a town's
 * database of millions of rows sees it working instead of a start that seems to hang. A frozen migration's statements
 * stay as they are; this only reports. Use it around a loop of batches, for example:
 *
 *   const total = Number((await sql<{ n: number }>`select count(*) as n from interactions`.execute(db)).rows[0]!.n);
 *   const progress = migrationProgress(total);
 *   for (let after = 0; ; ) {
 *     const batch = await db.selectFrom('interactions').select('id').where('id', '>', after).orderBy('id')
 *       .limit(10_000).execute();
 *     if (batch.length === 0) break;
 *     after = batch[batch.length - 1]!.id;
 *     await db.updateTable('interactions').set(…).where('id', '>=', batch[0]!.id).where('id', '<=', after).execute();
 *     progress.advance(batch.length);
 *   }
 *   progress.done();
 *
 * Outside a migration (a test), lines name "migration" and go to stderr.
 */
export function migrationProgress(
  total: number,
  options: { unit?: string; intervalMs?: number; now?: () => number } = {},
): MigrationProgress {
  const context = running.getStore() ?? { name: 'migration', report: toStderr };
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 5000;
  let done = 0;
  let reported: number | null = null;
  let last = now();
  const report = () => {
    reported = done;
    last = now();
    context.report(progressLine(context.name, done, total, options.unit), { migration: context.name, done, total });
  };
  return {
    advance(rows) {
      done += rows;
      if (now() - last >= intervalMs) report();
    },
    done() {
      if (reported === null && now() - last < intervalMs) return;
      done = Math.max(done, total);
      if (reported !== done) report();
    },
  };
}

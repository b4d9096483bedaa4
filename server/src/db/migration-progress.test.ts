import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrationProgress, progressLine, withMigrationContext } from './migration-progress.js';

/** A clock the test moves, and the lines a migration reported. */
function harness() {
  let time = 0;
  const lines: string[] = [];
  const fields: { migration: string; done: number; total: number }[] = [];
  return {
    lines,
    fields,
    now: () => time,
    tick: (ms: number) => {
      time += ms;
    },
    context: {
      name: '20261210030000_backfill',
      report: (line: string, reported: (typeof fields)[number]) => {
        lines.push(line);
        fields.push(reported);
      },
    },
  };
}

describe('progressLine', () => {
  it('says the migration, the share done and the rows, grouped by thousands', () => {
    expect(progressLine('20261210030000_backfill', 400_000, 1_000_000)).toBe(
      'migration 20261210030000_backfill: 40 % (400,000 of 1,000,000 rows)',
    );
    expect(progressLine('x', 999, 1000, 'cases')).toBe('migration x: 99 % (999 of 1,000 cases)');
    expect(progressLine('x', 0, 0)).toBe('migration x: 100 % (0 of 0 rows)');
  });

  it('never says more than 100 % nor rounds a share up', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (done, total) => {
        const percent = Number(/: (\d+) %/.exec(progressLine('x', done, total))![1]);
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
        if (total > 0 && done < total) expect(percent).toBeLessThan(100);
      }),
    );
  });
});

describe('migrationProgress', () => {
  it('reports at most once per interval, under the running migration’s name, and ends at 100 %', async () => {
    const h = harness();
    await withMigrationContext(h.context, async () => {
      const progress = migrationProgress(1_000_000, { now: h.now });
      for (let batch = 0; batch < 100; batch++) {
        h.tick(500); // a batch of 10,000 rows every half second
        progress.advance(10_000);
      }
      progress.done();
    });
    // 50 s of work, a line every 5 s, the last one at 100 %.
    expect(h.lines).toHaveLength(10);
    expect(h.lines[0]).toBe('migration 20261210030000_backfill: 10 % (100,000 of 1,000,000 rows)');
    expect(h.lines[3]).toBe('migration 20261210030000_backfill: 40 % (400,000 of 1,000,000 rows)');
    expect(h.lines.at(-1)).toBe('migration 20261210030000_backfill: 100 % (1,000,000 of 1,000,000 rows)');
    expect(h.fields[3]).toEqual({ migration: '20261210030000_backfill', done: 400_000, total: 1_000_000 });
  });

  it('stays quiet when the work takes less than the interval', async () => {
    const h = harness();
    await withMigrationContext(h.context, async () => {
      const progress = migrationProgress(5000, { now: h.now });
      for (let batch = 0; batch < 5; batch++) {
        h.tick(100);
        progress.advance(1000);
      }
      progress.done();
    });
    expect(h.lines).toEqual([]);
  });

  it('keeps each migration’s name apart when two run at once (one per database in a process)', async () => {
    const clock = harness();
    const lines: string[] = [];
    const run = (name: string) =>
      withMigrationContext({ name, report: (line) => lines.push(line) }, async () => {
        const progress = migrationProgress(10, { intervalMs: 0, now: clock.now });
        await new Promise((resolve) => setTimeout(resolve, 1));
        progress.advance(5);
      });
    await Promise.all([run('a'), run('b')]);
    expect(lines.sort()).toEqual(['migration a: 50 % (5 of 10 rows)', 'migration b: 50 % (5 of 10 rows)']);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from './bench-options.js';
import { SEARCH_KINDS } from './bench-inputs.js';
import { isSkipped } from './report.js';
import { runBenchmark } from './run-benchmark.js';

const out = mkdtempSync(join(tmpdir(), 'anliegen-bench-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pnpm bench options', () => {
  it('takes a scale, explicit sizes and switches, and says what is wrong with a bad flag', () => {
    const options = parseBenchArgs(['--scale', 'small', '--runs', '40', '--no-rt', '--out', 'x'], '/somewhere')!;
    expect(options).toMatchObject({ scale: 'small', citizens: 10_000, cases: 30_000, runs: 40, writeRuns: 10, rt: false });
    expect(options.outDir).toBe('/somewhere/x');
    expect(parseBenchArgs(['--scale', 'tiny', '--cases', '5000'])).toMatchObject({ scale: 'custom-1000-5000', cases: 5000 });
    expect(parseBenchArgs(['--help'])).toBeNull();
    expect(() => parseBenchArgs(['--scale', 'huge'])).toThrow(/--scale must be one of tiny, small, default, large/);
    expect(() => parseBenchArgs(['--runs', 'many'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--frobnicate'])).toThrow(UsageError);
  });

  it('narrows the run to the operations --only names, and names the known ones when one is wrong', () => {
    expect(parseBenchArgs([])!.only).toBeNull();
    expect(parseBenchArgs(['--only', 'case-view, search:name,case-view'])!.only).toEqual(['case-view', 'search:name']);
    expect(() => parseBenchArgs(['--only', 'inbox,case-veiw'])).toThrow(/unknown: case-veiw/);
    expect(() => parseBenchArgs(['--only', 'search'])).toThrow(/one of inbox, case-view, citizen-history, search:rare-word/);
    expect(() => parseBenchArgs(['--only', ','])).toThrow(/got none/);
  });
});

describe('pnpm bench at tiny scale', () => {
  it('measures every operation on both sides, ingests every mail once and serves the load without errors', async () => {
    const messages = 100;
    const options = {
      ...parseBenchArgs(['--scale', 'tiny', '--runs', '8', '--no-rt', '--messages', String(messages), '--load-seconds', '2'])!,
      outDir: out,
    };
    const { report, files } = await runBenchmark(options, () => {});

    const reads = ['inbox', 'case-view', 'citizen-history', ...SEARCH_KINDS.map((kind) => `search:${kind}`)];
    for (const operation of [...reads, 'dashboard-year', 'create-case', 'reply']) {
      const anliegen = report.measurements.find((m) => m.operation === operation && m.system === 'anliegen');
      expect(anliegen, operation).toBeDefined();
      expect(Number.isFinite(anliegen!.medianMs) && Number.isFinite(anliegen!.p95Ms), operation).toBe(true);
      expect(anliegen!.p95Ms).toBeGreaterThanOrEqual(anliegen!.medianMs);
    }
    for (const operation of reads) {
      const raw = report.measurements.find((m) => m.operation === operation && m.system === 'raw-sql');
      expect(raw && Number.isFinite(raw.medianMs) && Number.isFinite(raw.p95Ms), operation).toBe(true);
    }
    expect(report.dataSet.interactions).toBeGreaterThan(report.dataSet.cases);

    if (isSkipped(report.ingest)) throw new Error(`ingest skipped: ${report.ingest.skipped}`);
    expect(report.ingest.messages).toBe(messages);
    expect(report.ingest.messagesPerSecond).toBeGreaterThan(0);

    if (isSkipped(report.load)) throw new Error(`load skipped: ${report.load.skipped}`);
    expect(report.load.requests).toBeGreaterThan(0);
    expect(report.load.errors).toBe(0);
    expect(report.load.non2xx).toBe(0);

    expect(files.map((file) => file.slice(out.length + 1))).toEqual([
      `${report.date}-tiny.md`,
      `${report.date}-tiny.json`,
      'latest.md',
    ]);
    const markdown = readFileSync(join(out, 'latest.md'), 'utf8');
    for (const operation of reads) expect(markdown).toContain(`| ${operation} `);
    expect(JSON.parse(readFileSync(files[1]!, 'utf8')).measurements).toHaveLength(report.measurements.length);
    expect(existsSync(join(out, `${report.date}-tiny.json`))).toBe(true);
  });
});

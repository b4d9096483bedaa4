import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from './bench-options.js';
import { SEARCH_KINDS, SEARCH_KINDS_WITHOUT_RAW } from './bench-inputs.js';
import { type BenchReport, checkTargets, isSkipped, renderMarkdown } from './report.js';
import type { RtCreateRate } from './rt-peer.js';
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
    expect(parseBenchArgs([])!.rtDefaultTickets).toBe(60);
    expect(parseBenchArgs(['--rt-default-tickets', '0'])!.rtDefaultTickets).toBe(0);
    expect(() => parseBenchArgs(['--rt-default-tickets', 'some'])).toThrow(/--rt-default-tickets must be a whole number ≥ 0/);
  });

  it('narrows the run to the operations --only names, and names the known ones when one is wrong', () => {
    expect(parseBenchArgs([])!.only).toBeNull();
    expect(parseBenchArgs(['--only', 'case-view, search:name,case-view'])!.only).toEqual(['case-view', 'search:name']);
    expect(() => parseBenchArgs(['--only', 'inbox,case-veiw'])).toThrow(/unknown: case-veiw/);
    expect(() => parseBenchArgs(['--only', 'search'])).toThrow(/one of inbox, case-view, citizen-history, search:rare-word/);
    expect(() => parseBenchArgs(['--only', ','])).toThrow(/got none/);
  });
});

describe('the report on email ingest against Request Tracker', () => {
  const rate = (sequential: number, concurrent: number, autoreplies: number): RtCreateRate => ({
    sequential: { tickets: 60, perSecond: sequential },
    concurrent: { tickets: 60, clients: 8, perSecond: concurrent },
    bestPerSecond: Math.max(sequential, concurrent),
    mails: autoreplies,
    autoreplies,
  });
  const report = (asShipped: RtCreateRate | { skipped: string }): BenchReport => ({
    date: '2026-11-26',
    scale: 'tiny',
    dataSet: { citizens: 1, cases: 1, interactions: 1, seed: 1, seedingSeconds: 1, reused: true },
    machine: { cpu: 'cpu', cores: 2, memoryGb: 4, node: 'v22', os: 'Linux', dialect: 'SQLite' },
    runs: { reads: 1, writes: 1 },
    only: null,
    notes: {},
    measurements: [],
    ingest: {
      messages: 2000,
      connections: 8,
      seconds: 6.4,
      messagesPerSecond: 300,
      mix: 'mixed',
      acknowledgments: 1400,
    },
    rt: { scale: 'RT, scrips off', createsPerSecond: 0, createRates: { scripsOff: rate(25, 40, 0), asShipped } },
    load: { skipped: '--no-load' },
    bundles: { skipped: 'none' },
  });
  const ratioCheck = (r: BenchReport) => checkTargets(r).find((check) => check.target.includes('RT ticket creates'));

  it('holds the ingest to RT as shipped (autoreply on), the best of sequential and concurrent', () => {
    const r = report(rate(2.5, 5, 120));
    expect(ratioCheck(r)).toMatchObject({
      target: '≥ 50× RT ticket creates (RT as shipped, autoreply on)',
      pass: true,
      detail: '60×',
    });
    const markdown = renderMarkdown(r);
    expect(markdown).toContain('RT as shipped (scrips on');
    expect(markdown).toContain('2.5/s sequential (1 client, 60 tickets), 5.0/s concurrent (8 clients, 60 tickets); best 5.0/s');
    expect(markdown).toMatch(/Anliegen ingest \/ RT as shipped .* \*\*60×\*\*/);
    expect(markdown).toMatch(/Anliegen ingest \/ RT scrips off \(RT's best case, no target\): 7\.5×/);
    expect(markdown).toContain('1400 new cases');
  });

  it('falls back to RT with scrips off, and says so, when RT as shipped was not measured', () => {
    const r = report({ skipped: 'failed: no autoreplies' });
    expect(ratioCheck(r)).toMatchObject({ pass: false, detail: '7.5×' });
    expect(ratioCheck(r)!.target).toContain('scrips off: RT as shipped not measured');
    const markdown = renderMarkdown(r);
    expect(markdown).toContain('RT as shipped (scrips on): not measured (failed: no autoreplies)');
    expect(markdown).toMatch(/target is checked against this one\): \*\*7\.5×\*\*/);
  });
});

describe('pnpm bench at tiny scale', () => {
  it('measures every operation on both sides, ingests every mail once and serves the load without errors', async () => {
    // PostgreSQL: the test suite's server when there is one, else the bench's own cluster (skipped without binaries).
    if (process.env.TEST_DATABASE_URL) process.env.BENCH_DATABASE_URL = process.env.TEST_DATABASE_URL;
    const messages = 100;
    const options = {
      ...parseBenchArgs(['--scale', 'tiny', '--runs', '8', '--no-rt', '--messages', String(messages), '--load-seconds', '2'])!,
      outDir: out,
    };
    const { report, files } = await runBenchmark(options, () => {});

    const reads = ['inbox', 'case-view', 'citizen-history', ...SEARCH_KINDS.map((kind) => `search:${kind}`)];
    for (const operation of [...reads, 'statistics-year', 'impact-breakdown-year', 'create-case', 'reply']) {
      const anliegen = report.measurements.find((m) => m.operation === operation && m.system === 'anliegen');
      expect(anliegen, operation).toBeDefined();
      expect(Number.isFinite(anliegen!.medianMs) && Number.isFinite(anliegen!.p95Ms), operation).toBe(true);
      expect(anliegen!.p95Ms).toBeGreaterThanOrEqual(anliegen!.medianMs);
    }
    const withoutRaw = SEARCH_KINDS_WITHOUT_RAW.map((kind) => `search:${kind}`);
    for (const operation of reads.filter((read) => !withoutRaw.includes(read))) {
      const raw = report.measurements.find((m) => m.operation === operation && m.system === 'raw-sql');
      expect(raw && Number.isFinite(raw.medianMs) && Number.isFinite(raw.p95Ms), operation).toBe(true);
    }
    expect(report.dataSet.interactions).toBeGreaterThan(report.dataSet.cases);

    // Every view in process and over HTTP on SQLite (and PostgreSQL when it ran), each read in index order on SQLite
    // (its plans do not depend on the table's size; PostgreSQL's do, so they are judged at scale only).
    const [sqlite, postgres] = report.views ?? [];
    if (!sqlite || isSkipped(sqlite)) throw new Error('views on SQLite were not measured');
    expect(sqlite.measurements.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'auth.me',
        'cases.list all · updated',
        'search.run kanal:telefon status:offen',
        'workload.board (team lead)',
      ]),
    );
    for (const view of sqlite.measurements) {
      expect(view.http.p95Ms, view.name).toBeGreaterThanOrEqual(view.http.medianMs);
      if (view.name.startsWith('cases.list')) expect(view.planProblems, view.name).toEqual([]);
    }
    if (process.env.TEST_DATABASE_URL) {
      if (!postgres || isSkipped(postgres)) throw new Error('views on PostgreSQL were not measured');
      expect(postgres.measurements).toHaveLength(sqlite.measurements.length);
    }

    if (isSkipped(report.ingest)) throw new Error(`ingest skipped: ${report.ingest.skipped}`);
    expect(report.ingest.messages).toBe(messages);
    expect(report.ingest.messagesPerSecond).toBeGreaterThan(0);
    // Of every ten mails, seven open a case (new sender or known citizen) and get an acknowledgment; three are replies.
    expect(report.ingest.acknowledgments).toBe(messages * 0.7);

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

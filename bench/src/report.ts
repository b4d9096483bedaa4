import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestResult } from './email-ingest.js';
import { ENVELOPE_P50_MS, type ViewsResult } from './inbox-views.js';
import type { LoadResult, Measurement, RouteBundle } from './measure.js';
import type { RtCreateRate, RtCreateRates } from './rt-peer.js';
import type { SearchIndexSize } from './search-index-sizes.js';

/** Everything one run found, as written to `<date>-<scale>.json`; the Markdown report is made from it. */
export interface BenchReport {
  date: string;
  scale: string;
  dataSet: {
    citizens: number;
    cases: number;
    interactions: number;
    seed: number;
    seedingSeconds: number;
    reused: boolean;
  };
  machine: { cpu: string; cores: number; memoryGb: number; node: string; os: string; dialect: string };
  runs: { reads: number; writes: number };
  /** The operations --only picked, or null when all ran. */
  only: string[] | null;
  /** Operations in order; notes say what exactly each measured. */
  notes: Record<string, string>;
  measurements: Measurement[];
  /** Every inbox view, search, board: per database, in process and over HTTP (absent in older reports). */
  views?: ViewsEntry[];
  /** Sizes of the search's word and parts indexes, per database measured (absent in older reports). */
  searchIndexes?: SearchIndexSize[];
  ingest: IngestResult | Skipped;
  /**
   * RT's scale (scrips off, as for every RT row) and the create rate the ingest target is checked against;
   * `createRates` has both configurations (absent in reports of runs that did not record them).
   */
  rt: { scale: string; createsPerSecond: number; createRates?: RtCreateRates } | Skipped;
  load: LoadResult | Skipped;
  bundles: RouteBundle[] | Skipped;
}
export interface Skipped {
  skipped: string;
}
export type ViewsEntry = ViewsResult | (Skipped & { database: string });

export const isSkipped = (value: object): value is Skipped => 'skipped' in value;

/** The issue's targets (2-core machine, default scale). */
export const TARGETS = {
  p95Ms: {
    inbox: 20,
    'case-view': 20,
    'citizen-history': 20,
    search: 100,
    // Issue 18: the statistics page with the impact figures stays within the dashboard's budget, and so does a breakdown.
    'statistics-year': 500,
    'impact-breakdown-year': 500,
  } as Record<string, number>,
  /** tRPC + Kysely over raw SQL for the same reads, at the median. */
  rawRatio: 2,
  ingestPerSecond: 200,
  ingestOverRt: 50,
  inboxJsGzipBytes: 200 * 1024,
};

const p95Target = (operation: string) => TARGETS.p95Ms[operation] ?? TARGETS.p95Ms[operation.split(':')[0]!];

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
/** Text from elsewhere (notes, RT's description) shown as written, not as Markdown. */
const plain = (text: string) => text.replace(/[\\`*_[\]<>]/g, '\\$&');

/** Two significant digits below 10 (0.0027×, 4.6×), whole numbers above. */
const ratio = (value: number) => `${value < 10 ? value.toPrecision(2) : value.toFixed(0)}×`;

/**
 * A Markdown table with padded columns, as the formatter (biome) writes them, so committed reports pass the lint.
 * Columns whose title ends in ">" are right-aligned (numbers).
 */
export function markdownTable(titles: string[], rows: string[][]): string {
  const right = titles.map((title) => title.endsWith('>'));
  const header = titles.map((title) => title.replace(/>$/, ''));
  rows = rows.map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = header.map((title, i) => Math.max(3, title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((width, i) => (right[i] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export interface TargetCheck {
  operation: string;
  target: string;
  pass: boolean;
  detail: string;
}

/**
 * The RT create rate Anliegen's ingest is held to: RT as shipped (autoreply on, the same work as Anliegen's case plus
 * queued acknowledgment), or RT with scrips off when the as-shipped phase was skipped or failed (`fallback` says why).
 */
export function rtTargetRate(rt: Exclude<BenchReport['rt'], Skipped>): {
  perSecond: number;
  config: 'as shipped' | 'scrips off' | 'not recorded';
  fallback?: string;
} {
  if (!rt.createRates) return { perSecond: rt.createsPerSecond, config: 'not recorded' };
  const { asShipped, scripsOff } = rt.createRates;
  return isSkipped(asShipped)
    ? { perSecond: scripsOff.bestPerSecond, config: 'scrips off', fallback: asShipped.skipped }
    : { perSecond: asShipped.bestPerSecond, config: 'as shipped' };
}

/** Every target the run can judge, with the number it was judged by. */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const find = (operation: string, system: Measurement['system']) =>
    report.measurements.find((m) => m.operation === operation && m.system === system);
  for (const m of report.measurements.filter((entry) => entry.system === 'anliegen')) {
    const limit = p95Target(m.operation);
    if (limit !== undefined) {
      checks.push({
        operation: m.operation,
        target: `p95 < ${limit} ms`,
        pass: m.p95Ms < limit,
        detail: `p95 ${ms(m.p95Ms)} ms`,
      });
    }
    const raw = find(m.operation, 'raw-sql');
    if (raw) {
      const overhead = m.medianMs / raw.medianMs;
      checks.push({
        operation: m.operation,
        target: `≤ ${TARGETS.rawRatio}× raw SQL`,
        pass: overhead <= TARGETS.rawRatio,
        detail: ratio(overhead),
      });
    }
  }
  if (!isSkipped(report.ingest)) {
    checks.push({
      operation: 'email-ingest',
      target: `≥ ${TARGETS.ingestPerSecond} msg/s`,
      pass: report.ingest.messagesPerSecond >= TARGETS.ingestPerSecond,
      detail: `${report.ingest.messagesPerSecond.toFixed(0)} msg/s`,
    });
    const rt = isSkipped(report.rt) ? null : rtTargetRate(report.rt);
    if (rt && rt.perSecond > 0) {
      const over = report.ingest.messagesPerSecond / rt.perSecond;
      checks.push({
        operation: 'email-ingest',
        target:
          `≥ ${TARGETS.ingestOverRt}× RT ticket creates` +
          (rt.config === 'as shipped'
            ? ' (RT as shipped, autoreply on)'
            : rt.config === 'scrips off'
              ? ' (RT scrips off: RT as shipped not measured)'
              : ''),
        pass: over >= TARGETS.ingestOverRt,
        detail: ratio(over),
      });
    }
  }
  for (const result of report.views ?? []) {
    if (isSkipped(result)) continue;
    for (const view of result.measurements) {
      const operation = `${view.name} (${result.database})`;
      // On PostgreSQL a session's lookup is a round trip to another process: the envelope target is SQLite's.
      if (view.name === 'auth.me' && result.database === 'SQLite') {
        checks.push({
          operation,
          target: `HTTP p50 < ${ENVELOPE_P50_MS} ms`,
          pass: view.http.medianMs < ENVELOPE_P50_MS,
          detail: `p50 ${ms(view.http.medianMs)} ms`,
        });
      }
      checks.push({
        operation,
        target: `HTTP p95 < ${view.budgetMs} ms`,
        pass: view.http.p95Ms < view.budgetMs,
        detail: `p95 ${ms(view.http.p95Ms)} ms`,
      });
      if (view.planProblems) {
        checks.push({
          operation,
          target: 'read in index order',
          pass: view.planProblems.length === 0,
          detail: view.planProblems.join('; ') || 'no table scan, no sort',
        });
      }
    }
  }
  if (!isSkipped(report.bundles)) {
    const inbox = report.bundles.find((bundle) => /^\/cases\/?$|inbox/.test(bundle.route));
    if (inbox) {
      checks.push({
        operation: 'bundle:inbox',
        target: `initial JS ≤ ${TARGETS.inboxJsGzipBytes / 1024} KB gzip`,
        pass: inbox.initialJsGzipBytes <= TARGETS.inboxJsGzipBytes,
        detail: `${(inbox.initialJsGzipBytes / 1024).toFixed(1)} KB`,
      });
    }
  }
  return checks;
}

/** One row per operation: Anliegen, raw SQL and RT side by side, ratios, and the verdict on its targets. */
export function operationTable(report: BenchReport): string {
  const operations = [...new Set(report.measurements.map((m) => m.operation))];
  const checks = checkTargets(report);
  const pair = (m: Measurement | undefined) => (m ? `${ms(m.medianMs)} / ${ms(m.p95Ms)}` : '—');
  const rows = operations.map((operation) => {
    const of = (system: Measurement['system']) =>
      report.measurements.find((m) => m.operation === operation && m.system === system);
    const anliegen = of('anliegen');
    const raw = of('raw-sql');
    const rt = of('rt');
    const own = checks.filter((check) => check.operation === operation);
    return [
      operation,
      pair(anliegen),
      pair(raw),
      anliegen && raw ? ratio(anliegen.medianMs / raw.medianMs) : '—',
      pair(rt),
      anliegen && rt ? ratio(anliegen.medianMs / rt.medianMs) : '—',
      own.map((check) => check.target).join('; ') || '—',
      own.map((check) => `${check.pass ? 'pass' : '**FAIL**'} (${check.detail})`).join('; ') || '—',
    ];
  });
  return markdownTable(
    [
      'operation',
      'Anliegen p50 / p95 ms>',
      'raw SQL p50 / p95 ms>',
      'Anliegen / raw (p50)>',
      'RT p50 / p95 ms>',
      'Anliegen / RT (p50)>',
      'target',
      'result',
    ],
    rows,
  );
}

const perSecond = (value: number) => `${value.toFixed(1)}/s`;

/** One configuration's create rates: both ways of measuring them, and which one is its best. */
function createRateLine(name: string, rate: RtCreateRate): string {
  const { sequential, concurrent } = rate;
  return (
    `${name}: ${perSecond(sequential.perSecond)} sequential (1 client, ${sequential.tickets} tickets), ` +
    `${perSecond(concurrent.perSecond)} concurrent (${concurrent.clients} clients, ${concurrent.tickets} tickets); ` +
    `best ${perSecond(rate.bestPerSecond)}`
  );
}

/** Anliegen's mail throughput, RT's ticket-create rates in both configurations, and the ratios between them. */
function ingestSection(report: BenchReport): string {
  const lines: string[] = [];
  const ingest = isSkipped(report.ingest) ? null : report.ingest;
  if (ingest) {
    lines.push(
      `- ${ingest.messages} mails in ${ingest.seconds.toFixed(2)} s over ${ingest.connections} SMTP connections: ` +
        `**${ingest.messagesPerSecond.toFixed(0)} msg/s** (${ingest.mix}); ` +
        `${ingest.acknowledgments} new cases, each with its acknowledgment to the sender queued.`,
    );
  } else {
    lines.push(`- Anliegen: skipped (${(report.ingest as Skipped).skipped}).`);
  }
  if (isSkipped(report.rt)) {
    lines.push(`- Request Tracker: skipped (${report.rt.skipped}).`);
    return lines.join('\n');
  }
  const over = (rate: number) => (ingest && rate > 0 ? ratio(ingest.messagesPerSecond / rate) : '—');
  const target = rtTargetRate(report.rt);
  const rates = report.rt.createRates;
  if (!rates) {
    lines.push(
      `- Request Tracker ticket creates through REST2: ${perSecond(report.rt.createsPerSecond)} ` +
        `(configuration not recorded); Anliegen / RT: ${over(report.rt.createsPerSecond)}.`,
    );
    return lines.join('\n');
  }
  lines.push(
    '- Request Tracker ticket creates through REST2, each with a requester and a first message; ' +
      `the best of one client and ${rates.scripsOff.concurrent.clients} in parallel counts:`,
  );
  if (isSkipped(rates.asShipped)) {
    lines.push(`  - RT as shipped (scrips on): not measured (${plain(rates.asShipped.skipped)}).`);
  } else {
    lines.push(
      `  - ${createRateLine('RT as shipped (scrips on: autoreply to the requester, written to an mbox file)', rates.asShipped)}; ` +
        `${rates.asShipped.autoreplies} tickets, each with its autoreply in the mbox.`,
    );
  }
  lines.push(`  - ${createRateLine('RT scrips off (its best case, as in the operations table)', rates.scripsOff)}.`);
  if (isSkipped(rates.asShipped)) {
    lines.push(
      `- Anliegen ingest / RT scrips off (RT's best case; RT as shipped was not measured, so the ` +
        `≥ ${TARGETS.ingestOverRt}× target is checked against this one): **${over(target.perSecond)}**.`,
    );
  } else {
    lines.push(
      `- Anliegen ingest / RT as shipped (autoreply on: the same work Anliegen does, a case plus a queued ` +
        `acknowledgment; target ≥ ${TARGETS.ingestOverRt}×): **${over(rates.asShipped.bestPerSecond)}**.`,
      `- Anliegen ingest / RT scrips off (RT's best case, no target): ${over(rates.scripsOff.bestPerSecond)}.`,
    );
  }
  return lines.join('\n');
}

/**
 * One row per request: p50 / p95 in process and over HTTP on each database, the HTTP budget and the verdicts (budget,
 * and for inbox views the plan: no table scan, no sort of what was read, with and without planner statistics).
 */
function viewsSection(report: BenchReport): string {
  const results = report.views ?? [];
  const measured = results.filter((result): result is ViewsResult => !isSkipped(result));
  const names = [...new Set(measured.flatMap((result) => result.measurements.map((m) => m.name)))];
  const checks = checkTargets(report);
  const pair = (timing: { medianMs: number; p95Ms: number } | undefined) =>
    timing ? `${ms(timing.medianMs)} / ${ms(timing.p95Ms)}` : '—';
  const rows = names.map((name) => {
    const cells = [plain(name)];
    for (const result of measured) {
      const view = result.measurements.find((m) => m.name === name);
      cells.push(pair(view?.inProcess), pair(view?.http));
    }
    const own = checks.filter((check) => check.operation.startsWith(`${name} (`));
    const budget = measured.flatMap((result) => result.measurements).find((m) => m.name === name)?.budgetMs;
    const failed = own.filter((check) => !check.pass);
    cells.push(
      budget === undefined ? '—' : `${budget} ms`,
      failed.length === 0 ? 'pass' : `**FAIL** (${failed.map((check) => `${check.operation}: ${check.detail}`).join('; ')})`,
    );
    return cells;
  });
  const titles = [
    'request',
    ...measured.flatMap((result) => [`${result.database} in process p50 / p95 ms>`, `${result.database} HTTP p50 / p95 ms>`]),
    'HTTP p95 budget>',
    'result',
  ];
  const skipped = results.flatMap((result) =>
    isSkipped(result) ? [`${result.database}: skipped (${plain(result.skipped)}).`] : [],
  );
  return [
    'One agent (and the team lead for the board), one request at a time, each request as often as a read operation above; ' +
      'HTTP against the real server on the same data, with keep-alive. Inbox views are checked to read in index order ' +
      '(no table scan, no sort of what was read, except "due soon": a short window of cases sought by target), on ' +
      'SQLite without and with planner statistics. `auth.me` is the per-request envelope (target: HTTP p50 < ' +
      `${ENVELOPE_P50_MS} ms).`,
    '',
    markdownTable(titles, rows),
    ...(skipped.length > 0 ? ['', ...skipped] : []),
  ].join('\n');
}

function section(title: string, body: string): string {
  return `## ${title}\n\n${body}\n`;
}

export function renderMarkdown(report: BenchReport): string {
  const { dataSet, machine } = report;
  const checks = checkTargets(report);
  const failed = checks.filter((check) => !check.pass);
  const parts = [
    `# Anliegen benchmark, ${report.date}, scale "${report.scale}"\n`,
    `Data set: ${dataSet.citizens} citizens, ${dataSet.cases} cases, ${dataSet.interactions} interactions (seed ${dataSet.seed}; ` +
      `${dataSet.reused ? 'reused, generated' : 'generated'} in ${dataSet.seedingSeconds.toFixed(1)} s). ` +
      `Runs: ${report.runs.reads} per read, ${report.runs.writes} per write, server-side in process. ` +
      (report.only ? `Only: ${report.only.join(', ')}. ` : '') +
      `Targets: ${checks.length - failed.length} of ${checks.length} met` +
      (failed.length > 0 ? ` (missed: ${failed.map((check) => `${check.operation} ${check.target}`).join(', ')}).\n` : '.\n'),
    section(
      'Operations',
      operationTable(report) +
        (isSkipped(report.rt)
          ? `\n\nRequest Tracker: skipped (${report.rt.skipped}).`
          : `\n\nRT columns: ${plain(report.rt.scale)}.`),
    ),
    section(
      'What each operation measures',
      [
        ...Object.entries(report.notes).map(([operation, note]) => `- **${operation}**: ${plain(note)}`),
        ...report.measurements
          .filter((m) => m.system === 'rt' && m.note)
          .map((m) => `- **${m.operation}** on Request Tracker: ${plain(m.note!)}`),
      ].join('\n'),
    ),
  ];

  if (report.views && report.views.length > 0)
    parts.push(section('What agents click: every view, in process and over HTTP', viewsSection(report)));
  parts.push(section('Email ingest', ingestSection(report)));

  parts.push(
    section(
      'HTTP load',
      isSkipped(report.load)
        ? `Skipped: ${report.load.skipped}.`
        : `${plain(report.load.mix)}.\n\n${markdownTable(
            ['seconds>', 'connections>', 'requests>', 'req/s>', 'p50 ms>', 'p99 ms>', 'errors>', 'non-2xx>'],
            [
              [
                String(report.load.durationSeconds),
                String(report.load.connections),
                String(report.load.requests),
                report.load.throughputPerSecond.toFixed(0),
                ms(report.load.p50Ms),
                ms(report.load.p99Ms),
                String(report.load.errors),
                String(report.load.non2xx),
              ],
            ],
          )}`,
    ),
  );

  if (report.searchIndexes && report.searchIndexes.length > 0) {
    parts.push(
      section(
        'Search indexes',
        `Word indexes and, beside them, the parts indexes that find parts of compounds (issue 23).\n\n${markdownTable(
          ['database', 'index', 'size>'],
          report.searchIndexes.map((entry) => [entry.database, entry.index, `${(entry.bytes / 1024 ** 2).toFixed(1)} MB`]),
        )}`,
      ),
    );
  }

  parts.push(
    section(
      'Bundle sizes',
      isSkipped(report.bundles)
        ? `Skipped: ${report.bundles.skipped}.`
        : report.bundles.length === 0
          ? 'No routes reported.'
          : markdownTable(
              ['route', 'initial JS (gzip)>', 'files>'],
              report.bundles.map((bundle) => [
                bundle.route,
                `${(bundle.initialJsGzipBytes / 1024).toFixed(1)} KB`,
                String(bundle.files.length),
              ]),
            ),
    ),
  );

  parts.push(
    section(
      'Machine',
      [
        `- CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB memory`,
        `- ${machine.os}, Node.js ${machine.node}, database ${machine.dialect}`,
        `- Date: ${report.date}`,
      ].join('\n'),
    ),
  );
  return parts.join('\n');
}

/**
 * Writes `<date>-<scale>.md` and `.json`, and the same Markdown as `latest.md`; returns the paths. A run of some
 * operations (--only) writes `<date>-<scale>-only.md` and `.json` instead, so it never replaces a whole report.
 */
export function writeReport(report: BenchReport, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `${report.date}-${report.scale}${report.only ? '-only' : ''}`);
  const markdown = renderMarkdown(report);
  const files = [`${base}.md`, `${base}.json`, ...(report.only ? [] : [join(outDir, 'latest.md')])];
  writeFileSync(files[0]!, markdown);
  writeFileSync(files[1]!, `${JSON.stringify({ ...report, targets: checkTargets(report) }, null, 2)}\n`);
  if (files[2]) writeFileSync(files[2], markdown);
  return files;
}

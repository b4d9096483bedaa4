/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), as a scraper reads /metrics: every line
 * is a comment, a HELP or TYPE line, or a sample `name{label="value",…} value [timestamp]`. A malformed line, a
 * sample without its family's TYPE, or a value that is no number throws. (The npm parser for this format drops the
 * labels of histograms, which are the point here.)
 */
export interface Sample {
  /** As written: a histogram's samples are `x_bucket`, `x_sum` and `x_count`. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** The declared type of each family: counter, gauge, histogram, summary, untyped. */
  types: Map<string, string>;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function number(text: string, line: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`not a number in: ${line}`);
  return Number(text);
}

/** The labels between `{` and `}` starting at `start`; returns them and the index after `}`. */
function readLabels(line: string, start: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let at = start;
  for (;;) {
    if (line[at] === '}') return { labels, end: at + 1 };
    const equals = line.indexOf('=', at);
    if (equals < 0 || line[equals + 1] !== '"') throw new Error(`malformed labels in: ${line}`);
    const name = line.slice(at, equals);
    if (!LABEL_NAME.test(name) || name in labels) throw new Error(`bad label name ${name} in: ${line}`);
    let value = '';
    at = equals + 2;
    for (;;) {
      const char = line[at];
      if (char === undefined) throw new Error(`unterminated label value in: ${line}`);
      if (char === '"') break;
      if (char === '\\') {
        const next = line[at + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new Error(`bad escape in: ${line}`);
        at += 2;
      } else {
        value += char;
        at++;
      }
    }
    labels[name] = value;
    at++;
    if (line[at] === ',') at++;
    else if (line[at] !== '}') throw new Error(`malformed labels in: ${line}`);
  }
}

/** The family a sample belongs to: a histogram's `_bucket`, `_sum`, `_count` belong to its name. */
function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const type = types.get(base);
  return type === 'histogram' || type === 'summary' ? base : undefined;
}

export function parsePrometheusText(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!meta) continue;
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
      if (kind === 'TYPE') {
        if (!TYPES.has(rest) || types.has(name)) throw new Error(`bad or repeated TYPE: ${line}`);
        types.set(name, rest);
      }
      continue;
    }
    const nameEnd = line.search(/[{ ]/);
    if (nameEnd <= 0) throw new Error(`malformed sample: ${line}`);
    const name = line.slice(0, nameEnd);
    if (!NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
    if (familyOf(name, types) === undefined) throw new Error(`sample without a TYPE: ${line}`);
    let rest = line.slice(nameEnd);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const read = readLabels(line, nameEnd + 1);
      labels = read.labels;
      rest = line.slice(read.end);
    }
    const parts = rest.trim().split(/ +/);
    if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) throw new Error(`malformed sample: ${line}`);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new Error(`bad timestamp in: ${line}`);
    samples.push({ name, labels, value: number(parts[0]!, line) });
  }
  return { types, samples };
}

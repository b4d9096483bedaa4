import { relative } from 'node:path';
import { parseBenchArgs, USAGE, UsageError } from './bench-options.js';
import { operationTable } from './report.js';
import { runBenchmark } from './run-benchmark.js';

/** pnpm bench [options]: see USAGE and docs/benchmarks.md. */
// pnpm runs the script in bench/; relative paths mean where the command was typed (INIT_CWD).
const cwd = process.env.INIT_CWD ?? process.cwd();
let options: ReturnType<typeof parseBenchArgs>;
try {
  const args = process.argv.slice(2);
  options = parseBenchArgs(args[0] === '--' ? args.slice(1) : args, cwd);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (options === null) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

try {
  const { report, files } = await runBenchmark(options);
  console.log(`\n${operationTable(report)}\n`);
  console.log(`Report: ${files.map((file) => relative(cwd, file)).join(', ')}`);
} catch (error) {
  process.stderr.write(`\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

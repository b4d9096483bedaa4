// `pnpm start` builds only when a source changed since the last build: a fingerprint of every input of the build
// (sources, package manifests, lockfile, TypeScript and Vite configuration) is kept beside the build output, and a
// start whose fingerprint matches, with both outputs present, skips the build (about a minute on a small machine).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const STAMP = join(root, 'server/dist/.build-fingerprint');
const OUTPUTS = ['server/dist/main.js', 'client/dist/index.html'];
const PACKAGES = ['shared', 'server', 'client'];
/** Directories that are outputs, caches or not part of the app's build. */
const SKIP = new Set(['node_modules', 'dist', '.vite', 'test-results', 'coverage']);

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile() && !entry.name.endsWith('.tsbuildinfo')) yield path;
  }
}

function fingerprint() {
  const hash = createHash('sha256');
  const files = [
    ...['package.json', 'pnpm-lock.yaml', 'tsconfig.json', 'tsconfig.base.json'].map((file) => join(root, file)),
    ...PACKAGES.flatMap((pkg) => [...filesUnder(join(root, pkg))]),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const current = fingerprint();
if (process.argv.includes('--record')) {
  // The end of `pnpm build`: what was just built needs no build at the next start.
  writeFileSync(STAMP, `${current}\n`);
  process.exit(0);
}
const built = OUTPUTS.every((output) => existsSync(join(root, output)));
const previous = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : null;
if (built && previous === current) {
  process.stderr.write('Anliegen: Quellen unverändert, der letzte Build wird verwendet.\n');
} else {
  process.stderr.write('Anliegen: Build läuft (nur wenn sich Quellen geändert haben) …\n');
  // The build's output is shown only when it fails: the start's last lines belong to the banner.
  const build = spawnSync('pnpm', ['--silent', 'build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}\nAnliegen: der Build ist fehlgeschlagen.\n`);
    process.exit(build.status ?? 1);
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Architecture rules that a reader would otherwise have to remember (docs/architecture.md). */
const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('conventions', () => {
  it('reads process.env only in server/src/env.ts (and in tests)', () => {
    const offenders = sourceFiles(join(ROOT, 'server/src'))
      .filter((file) => !file.endsWith('env.ts') && !file.includes('/test/') && !file.endsWith('.test.ts'))
      .filter((file) => readFileSync(file, 'utf8').includes('process.env'))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('keeps client features independent: no feature imports another feature', () => {
    const featuresDir = join(ROOT, 'client/src/features');
    const offenders = sourceFiles(featuresDir).filter((file) => {
      const feature = relative(featuresDir, file).split('/')[0];
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)].map((m) =>
        resolve(join(file, '..'), m[1]!),
      );
      return imports.some((target) => target.startsWith(featuresDir) && relative(featuresDir, target).split('/')[0] !== feature);
    });
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('reads dates and times in Berlin only through shared/src/berlin-time.ts (and in tests)', () => {
    // The host's time zone is not Berlin's (a UTC server's year turns an hour late); calendar arithmetic on ISO day
    // keys with the getUTC… getters is fine and not matched. No exceptions so far.
    const banned: Array<[string, RegExp]> = [
      ['host-local calendar getter', /\.get(FullYear|Month|Date|Day|Hours)\(/],
      ['toLocaleDateString/toLocaleTimeString', /\.toLocale(Date|Time)String\(/],
      ['toLocaleString with a time zone', /\.toLocaleString\([^)]*timeZone/],
      ['Intl.DateTimeFormat', /Intl\.DateTimeFormat\(/],
      ["'Europe/Berlin'", /['"`]Europe\/Berlin['"`]/],
    ];
    const offenders = ['server/src', 'shared/src', 'client/src']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => !file.endsWith('shared/src/berlin-time.ts') && !/\.test\.tsx?$/.test(file) && !file.includes('/test/'))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return banned.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${relative(ROOT, file)}: ${what}`);
      });
    expect(offenders).toEqual([]);
  });
});

/** The server's source files (tests excluded) and what each imports, as resolved paths relative to server/src. */
function serverImports(): Map<string, string[]> {
  const src = join(ROOT, 'server/src');
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    if (file.endsWith('.test.ts') || file.includes('/test/')) continue;
    const imports = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*? from '(\.[^']+)'/gms)].map((m) =>
      relative(src, resolve(join(file, '..'), m[1]!.replace(/\.js$/, '.ts'))),
    );
    graph.set(relative(src, file), imports);
  }
  return graph;
}

/** "modules/cases" or "channels/email" for a file of a module or channel, else null. */
const moduleOf = (path: string) => /^(modules|channels)\/[^/]+/.exec(path)?.[0] ?? null;

describe('module boundaries (docs/architecture.md)', () => {
  const graph = serverImports();
  const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

  it('reads the import graph', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(edges.some(({ to }) => to.startsWith('modules/cases/'))).toBe(true);
  });

  it('keeps each repository private to its module: other modules use its services', () => {
    const offenders = edges.filter(({ from, to }) => to.endsWith('.repo.ts') && moduleOf(to) !== moduleOf(from));
    expect(offenders).toEqual([]);
  });

  it('lets channels use modules, never the other way round', () => {
    const offenders = edges.filter(({ from, to }) => from.startsWith('modules/') && to.startsWith('channels/'));
    expect(offenders).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[][] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'visiting') cycles.push([...stack.slice(stack.indexOf(target)), target]);
        else if (!state.has(target) && graph.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

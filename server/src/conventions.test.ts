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
});
